"""Schema migrations, applied in order, each in its own transaction. Raw table names only: a migration
describes the database as it was on that day and never imports live domain code."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

SET_NAME = "fldd"
# Every migration, in order. Kept here as plain names so that opening a database that is up to date
# needs no sqlite-utils import; migrations() registers the functions under these names.
NAMES = ("0001_initial", "0002_import_details", "0003_supplier_corrections", "0004_workbook_exports",
         "0005_reviewer_corrections", "0006_onsite_sampling", "0007_action_trail", "0008_received_workbooks",
         "0009_questionnaire_moves", "0010_finding_dates", "0011_report_figures", "0012_risk_editions", "0013_supplier_risk",
         "0014_screening", "0015_queue_decisions")


def pending_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations not yet applied to this database (read with plain sqlite3)."""
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    applied = set()
    if exists:
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                                              [SET_NAME])}
    return [name for name in NAMES if name not in applied]


def _run_script(db: Database, script: str) -> None:
    """Run a migration's statements, separated by semicolons, in its transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@lru_cache(maxsize=1)
def migrations() -> Migrations:
    """The sqlite-utils migration set, built when there is something to apply."""
    from sqlite_utils.migrations import Migrations

    from fldd.store.migrations_queue_decisions import queue_decisions
    from fldd.store.migrations_reports import report_figures
    from fldd.store.migrations_risk_editions import risk_editions
    from fldd.store.migrations_screening import screening
    from fldd.store.migrations_supplier_risk import supplier_risk

    found = Migrations(SET_NAME)
    found(name="0001_initial")(initial)
    found(name="0002_import_details")(import_details)
    found(name="0003_supplier_corrections")(supplier_corrections)
    found(name="0004_workbook_exports")(workbook_exports)
    found(name="0005_reviewer_corrections")(reviewer_corrections)
    found(name="0006_onsite_sampling")(onsite_sampling)
    found(name="0007_action_trail")(action_trail)
    found(name="0008_received_workbooks")(received_workbooks)
    found(name="0009_questionnaire_moves")(questionnaire_moves)
    found(name="0010_finding_dates")(finding_dates)
    found(name="0011_report_figures")(report_figures)
    found(name="0012_risk_editions")(risk_editions)
    found(name="0013_supplier_risk")(supplier_risk)
    found(name="0014_screening")(screening)
    found(name="0015_queue_decisions")(queue_decisions)
    assert [m.name for m in found._migrations] == list(NAMES), "NAMES must list every migration in order"
    return found

_INITIAL = """
CREATE TABLE suppliers (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    country TEXT NOT NULL CHECK (length(country) = 2),
    address TEXT NOT NULL DEFAULT '',
    goods TEXT NOT NULL DEFAULT '[]',
    sector TEXT NOT NULL DEFAULT '',
    chain_tier INTEGER NOT NULL DEFAULT 1 CHECK (chain_tier >= 1),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'onboarding', 'suspended', 'inactive')),
    notes TEXT NOT NULL DEFAULT '',
    inherent_score REAL,
    inherent_level TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX suppliers_country ON suppliers (country);
CREATE INDEX suppliers_name ON suppliers (name COLLATE NOCASE);

CREATE TABLE supplier_identifiers (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    scheme TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (scheme, value)
);
CREATE INDEX supplier_identifiers_supplier ON supplier_identifiers (supplier_id);

CREATE TABLE supplier_contacts (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supplier_contacts_supplier ON supplier_contacts (supplier_id);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id),
    questionnaire_id TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('desktop', 'onsite')),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'under_review', 'closed')),
    source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'workbook', 'onsite', 'answer_pack')),
    assessor TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    assessed_on TEXT,
    started_at TEXT NOT NULL,
    submitted_at TEXT,
    closed_at TEXT,
    valid_until TEXT,
    score REAL,
    rating TEXT,
    completeness REAL,
    result TEXT,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
CREATE INDEX assessments_supplier ON assessments (supplier_id);
CREATE INDEX assessments_status ON assessments (status);

CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    value TEXT,
    comment TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (assessment_id, question_id)
);

CREATE TABLE answer_revisions (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    old_comment TEXT,
    new_comment TEXT,
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'app'
);
CREATE INDEX answer_revisions_assessment ON answer_revisions (assessment_id, question_id);

CREATE TABLE evidence_blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT,
    action_id INTEGER REFERENCES corrective_actions (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
    note TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE INDEX evidence_assessment ON evidence (assessment_id, question_id);
CREATE INDEX evidence_action ON evidence (action_id);

CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    interviewed_on TEXT,
    facts TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    UNIQUE (assessment_id, code)
);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    threshold_id TEXT,
    source TEXT NOT NULL CHECK (source IN ('trigger', 'auditor')),
    severity TEXT NOT NULL CHECK (severity IN ('priority', 'major', 'minor')),
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    because TEXT NOT NULL DEFAULT '{}',
    due_days INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    UNIQUE (assessment_id, threshold_id)
);
CREATE INDEX findings_assessment ON findings (assessment_id);

CREATE TABLE corrective_actions (
    id INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'verified')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    done_at TEXT,
    verified_at TEXT,
    verified_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX corrective_actions_finding ON corrective_actions (finding_id);
CREATE INDEX corrective_actions_due ON corrective_actions (status, due_date);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    errors TEXT NOT NULL DEFAULT '[]',
    assessment_id INTEGER REFERENCES assessments (id)
);
CREATE INDEX imports_sha ON imports (sha256);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def initial(db: Database) -> None:
    """Suppliers, assessments with answers and their history, evidence, interviews, findings, imports."""
    _run_script(db, _INITIAL)


def import_details(db: Database) -> None:
    """Imports: the workbook's export id, its own save time, the revision it made, and what it changed."""
    for statement in ("ALTER TABLE imports ADD COLUMN export_id TEXT",
                      "ALTER TABLE imports ADD COLUMN saved_at TEXT",
                      "ALTER TABLE imports ADD COLUMN revision INTEGER",
                      "ALTER TABLE imports ADD COLUMN detail TEXT NOT NULL DEFAULT '{}'",
                      "CREATE INDEX imports_export ON imports (export_id)"):
        db.execute(statement)


_SUPPLIER_CORRECTIONS = """
CREATE TABLE supplier_corrections (
    id INTEGER PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (length(field) > 0),
    on_file TEXT NOT NULL DEFAULT '',
    suggested TEXT NOT NULL CHECK (length(suggested) > 0),
    file_name TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL DEFAULT '',
    export_id TEXT,
    received_at TEXT NOT NULL,
    received_by TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'dismissed', 'superseded')),
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT
);
CREATE INDEX supplier_corrections_supplier ON supplier_corrections (supplier_id, status);
CREATE UNIQUE INDEX supplier_corrections_one_pending ON supplier_corrections (supplier_id, field)
    WHERE status = 'pending'
"""


def supplier_corrections(db: Database) -> None:
    """Corrections to a supplier's profile that the supplier typed into a returned workbook, kept until a
    person applies or dismisses them. At most one pending suggestion per supplier and field (a partial unique
    index): a newer one marks the older 'superseded' rather than deleting it, so the record of who said what,
    in which file, survives."""
    _run_script(db, _SUPPLIER_CORRECTIONS)


_WORKBOOK_EXPORTS = """
CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    export_id TEXT NOT NULL CHECK (length(export_id) > 0),
    supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
    questionnaire_id TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    tier TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    exported_by TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL,
    assessment_id INTEGER REFERENCES assessments (id)
);
CREATE INDEX exports_supplier ON exports (supplier_id, questionnaire_id, exported_at);
CREATE INDEX exports_export ON exports (export_id)
"""


def workbook_exports(db: Database) -> None:
    """The log of workbooks sent to suppliers, one row per file written: the export id in its metadata (a
    re-sent assessment's uid, so not unique), supplier, questionnaire, language, when, by whom, the file's
    name and the assessment re-sent. Whether a workbook came back is read from the import log by export id."""
    _run_script(db, _WORKBOOK_EXPORTS)


_REVIEWER_CORRECTIONS = """
CREATE TABLE answer_corrections (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    declared_value TEXT,
    old_value TEXT,
    new_value TEXT,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    corrected_by TEXT NOT NULL DEFAULT '',
    corrected_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'in_force'
        CHECK (status IN ('in_force', 'to_reconfirm', 'replaced', 'withdrawn', 'agreed')),
    status_note TEXT NOT NULL DEFAULT '',
    status_by TEXT NOT NULL DEFAULT '',
    status_at TEXT
);
CREATE INDEX answer_corrections_assessment ON answer_corrections (assessment_id, question_id);
CREATE UNIQUE INDEX answer_corrections_one_standing ON answer_corrections (assessment_id, question_id)
    WHERE status IN ('in_force', 'to_reconfirm');
ALTER TABLE answer_revisions ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN answered_required INTEGER;
ALTER TABLE assessments ADD COLUMN required INTEGER;
UPDATE assessments SET answered_required = json_extract(result, '$.completeness.answered_required'),
    required = json_extract(result, '$.completeness.required') WHERE result IS NOT NULL
"""


def reviewer_corrections(db: Database) -> None:
    """Corrections a reviewer makes to a submitted answer, beside the supplier's declaration (which stays in
    `answers`): declared, old and new value, a reason that cannot be blank, who and when, and a status. At most
    one standing (in force, or to re-confirm after the supplier declared anew) per question, by a partial
    unique index; replaced, withdrawn and agreed ones are kept. Answer revisions get the reason too.
    Assessments keep how many required questions were answered of how many, beside the rating, so every list
    can say a rating is provisional without parsing each stored result."""
    _run_script(db, _REVIEWER_CORRECTIONS)


_ONSITE_SAMPLING = """
CREATE TABLE sample_reasons (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    done INTEGER,
    minimum INTEGER NOT NULL,
    workforce INTEGER,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    given_by TEXT NOT NULL DEFAULT '',
    given_at TEXT NOT NULL
);
CREATE INDEX sample_reasons_assessment ON sample_reasons (assessment_id, id);
CREATE TABLE checklist_marks (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    mark TEXT CHECK (mark IN ('seen', 'not_available', 'not_applicable')),
    marked_by TEXT NOT NULL DEFAULT '',
    marked_at TEXT NOT NULL
);
CREATE INDEX checklist_marks_assessment ON checklist_marks (assessment_id, question_id, id);
ALTER TABLE interviews ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN interpreter TEXT NOT NULL DEFAULT '' CHECK (interpreter IN ('', 'yes', 'no'));
ALTER TABLE interviews ADD COLUMN location TEXT NOT NULL DEFAULT ''
    CHECK (location IN ('', 'on_site', 'off_site', 'phone'));
ALTER TABLE interviews ADD COLUMN note TEXT NOT NULL DEFAULT ''
"""


def onsite_sampling(db: Database) -> None:
    """On-site work that holds up: the auditor's reason for a sample below the protocol's minimum (one row per
    shortfall per submission, with the counts as they were, who and when); the document-review and observation
    checklist marks, appended, never overwritten (the latest per question counts; a NULL mark takes a tick
    back); and an interview's non-identifying context (language, interpreter, where it was held, a note)."""
    _run_script(db, _ONSITE_SAMPLING)


_ACTION_TRAIL = (
    """CREATE TABLE action_history (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    action_id INTEGER NOT NULL REFERENCES corrective_actions (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'edit', 'evidence')),
    from_status TEXT CHECK (from_status IS NULL OR from_status IN ('open', 'in_progress', 'done', 'verified')),
    to_status TEXT NOT NULL CHECK (to_status IN ('open', 'in_progress', 'done', 'verified')),
    note TEXT NOT NULL DEFAULT '',
    evidence_id INTEGER REFERENCES evidence (id),
    changes TEXT NOT NULL DEFAULT '{}',
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL)""",
    "CREATE INDEX action_history_action ON action_history (action_id, id)",
    """CREATE TRIGGER action_history_kept BEFORE UPDATE ON action_history
BEGIN
    SELECT RAISE(ABORT, 'the history of a corrective action is kept as written: add an entry instead');
END""",
    """CREATE TRIGGER action_history_not_deleted BEFORE DELETE ON action_history
WHEN EXISTS (SELECT 1 FROM corrective_actions WHERE id = OLD.action_id)
BEGIN
    SELECT RAISE(ABORT, 'the history of a corrective action is kept as written: it goes only with its action');
END""",
    """CREATE TRIGGER action_status_traced BEFORE UPDATE OF status ON corrective_actions
WHEN NEW.status IS NOT OLD.status AND NOT EXISTS (
    SELECT 1 FROM action_history h
    WHERE h.id = (SELECT max(id) FROM action_history WHERE action_id = NEW.id)
      AND h.from_status IS OLD.status AND h.to_status = NEW.status)
BEGIN
    SELECT RAISE(ABORT, 'a corrective action cannot change status without an entry in its history');
END""",
    "ALTER TABLE findings ADD COLUMN question_id TEXT",
    "ALTER TABLE findings ADD COLUMN indicator INTEGER CHECK (indicator IS NULL OR indicator BETWEEN 1 AND 11)",
    "ALTER TABLE evidence ADD COLUMN finding_id INTEGER REFERENCES findings (id) ON DELETE CASCADE",
    "CREATE INDEX evidence_finding ON evidence (finding_id)",
)


def action_trail(db: Database) -> None:
    """Every status change of a corrective action kept (who, when, from, to, note, evidence), every change of its
    owner, due date or description (old and new values) and every file added to it. The database enforces it: an entry is never
    changed, nor deleted while its action exists, and a status can change only right after its entry is
    written. Findings may name a question and an ILO indicator and keep files of their own. Existing actions
    get one entry each, their creation (they were always created open, by whoever recorded the finding); later
    changes were never recorded, so none is made up."""
    import uuid

    for statement in _ACTION_TRAIL:
        db.execute(statement)
    known = db.execute("SELECT c.id, c.created_at, f.created_by FROM corrective_actions c "
                       "JOIN findings f ON f.id = c.finding_id ORDER BY c.id").fetchall()
    db.conn.executemany(
        "INSERT INTO action_history (uid, action_id, kind, from_status, to_status, changed_by, changed_at) "
        "VALUES (?, ?, 'created', NULL, 'open', ?, ?)",
        [(str(uuid.uuid4()), action_id, who or "", created_at) for action_id, created_at, who in known])
_RECEIVED_WORKBOOKS = """
CREATE TABLE received_workbooks (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    export_id TEXT NOT NULL CHECK (length(export_id) > 0),
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    supplier_sheet TEXT NOT NULL DEFAULT '{}',
    data BLOB NOT NULL,
    received_at TEXT NOT NULL,
    received_by TEXT NOT NULL DEFAULT '',
    UNIQUE (assessment_id, sha256)
);
CREATE INDEX received_workbooks_export ON received_workbooks (export_id);

CREATE TABLE workbook_returns (
    id INTEGER PRIMARY KEY,
    received_id INTEGER NOT NULL REFERENCES received_workbooks (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    answers INTEGER NOT NULL DEFAULT 0,
    comments INTEGER NOT NULL DEFAULT 0,
    written_at TEXT NOT NULL,
    written_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX workbook_returns_received ON workbook_returns (received_id)
"""


def received_workbooks(db: Database) -> None:
    """On a supplier's fldd: the workbooks its buyers sent, each kept as received (its bytes, its `_fldd`
    metadata with the buyer's signature, which this database cannot make and never rewrites, and its Supplier
    sheet) and linked to the local assessment that answers it; and every file written back from one."""
    _run_script(db, _RECEIVED_WORKBOOKS)


_QUESTIONNAIRE_MOVES = (  # statements one by one: a trigger's body has semicolons of its own
    """CREATE TABLE questionnaire_moves (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    from_version TEXT NOT NULL,
    to_version TEXT NOT NULL CHECK (to_version <> from_version),
    status TEXT NOT NULL,
    moved_by TEXT NOT NULL DEFAULT '',
    moved_at TEXT NOT NULL,
    report TEXT NOT NULL DEFAULT '{}'
)""",
    "CREATE INDEX questionnaire_moves_assessment ON questionnaire_moves (assessment_id)",
    """CREATE TRIGGER questionnaire_moves_kept BEFORE UPDATE ON questionnaire_moves
BEGIN
    SELECT RAISE(ABORT, 'a recorded move to another questionnaire version is never changed');
END""",
    """CREATE TRIGGER questionnaire_moves_not_deleted BEFORE DELETE ON questionnaire_moves
WHEN EXISTS (SELECT 1 FROM assessments WHERE id = OLD.assessment_id)
BEGIN
    SELECT RAISE(ABORT, 'a recorded move to another questionnaire version is kept while its assessment exists');
END""",
    """CREATE TRIGGER assessments_version_moves BEFORE UPDATE OF questionnaire_version ON assessments
WHEN NEW.questionnaire_version IS NOT OLD.questionnaire_version AND NOT EXISTS (
    SELECT 1 FROM questionnaire_moves m
    WHERE m.id = (SELECT max(id) FROM questionnaire_moves WHERE assessment_id = NEW.id)
      AND m.from_version = OLD.questionnaire_version AND m.to_version = NEW.questionnaire_version)
BEGIN
    SELECT RAISE(ABORT, 'an assessment changes questionnaire version only with its move recorded');
END""",
)


def questionnaire_moves(db: Database) -> None:
    """Every move of an assessment to another version of its questionnaire kept (who, when, from, to, the
    assessment's status then, and the report of what changed); the database refuses a version change without its
    entry, and an entry is never changed, nor deleted while its assessment exists."""
    for statement in _QUESTIONNAIRE_MOVES:
        db.execute(statement)


_FINDING_DATES = """
ALTER TABLE findings ADD COLUMN fact TEXT;
ALTER TABLE findings ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
ALTER TABLE findings ADD COLUMN closure_days INTEGER;
ALTER TABLE corrective_actions ADD COLUMN closure_date TEXT
"""


def finding_dates(db: Database) -> None:
    """A finding has two deadlines, as RBA's VAP sets them: its corrective-action plan is due first (the action's
    due_date, as before) and the work itself later (closure_date: fees repaid within 90 days, say). A finding may
    stand for one fact established by several sources, each kept in `sources`. Earlier actions had one date and
    keep it as their only one (closure_date stays empty: nothing is made up)."""
    _run_script(db, _FINDING_DATES)
