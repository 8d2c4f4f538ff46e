"""Add or edit a supplier; a refused save keeps the dialog open with everything typed and says what to fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget)

from fldd.identifiers import IDENTIFIER_SCHEMES, IdentifierError, validate_os_id
from fldd.risk.goods import known_goods
from fldd.store.errors import StoreError
from fldd.ui.layout import MARGIN, SPACING
from fldd.ui.register.completers import LastItemCompleter, country_code_of, fill_country_combo, split_items
from fldd.ui.theme import OVERDUE_COLOUR
from fldd.usecases.errors import Rejected
from fldd.usecases.supplier_form import save_supplier
from fldd.usecases.supplier_profile import ALIASES, CORRIDORS, MATERIALS, material_text
from fldd.usecases.suppliers import get_supplier

SUPPLIER_STATUSES = (("active", "Active"), ("onboarding", "Onboarding"), ("suspended", "Suspended"),
                     ("inactive", "Inactive"))
OTHER_SCHEMES = ("sedex", "slcp", "lei", "other")
VALID_COLOUR = "#1b6e2a"  # dark green: readable on white, always with the word "Valid"
MAX_CHAIN_TIER = 10


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {OVERDUE_COLOUR};")
    label.hide()
    return label


def _with_note(field: QWidget, note: QLabel) -> QWidget:
    """A field with a line of text under it that takes no room while hidden or empty."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(note)
    return box


class SupplierDialog(QDialog):
    """The supplier form. After OK, saved_id holds the supplier's id."""

    def __init__(self, ctx, supplier_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.supplier_id = supplier_id
        self.saved_id: int | None = None
        self.setWindowTitle("Add supplier" if supplier_id is None else "Edit supplier")
        self.setMinimumWidth(760)

        self.errors = _error_label()
        self.name = QLineEdit()
        self.name.setPlaceholderText("Registered name of the site or company")
        self.country = QComboBox()
        self.country_completer = fill_country_combo(self.country)
        self.country.lineEdit().setPlaceholderText("Type a code or a name, e.g. MY or Malaysia")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 2 * MARGIN)
        self.goods = QLineEdit()
        self.goods.setPlaceholderText("Comma-separated, e.g. Garments, Cotton")
        self.goods_completer = LastItemCompleter(known_goods(), self.goods)
        self.goods.setCompleter(self.goods_completer)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText("Separated by ';', e.g. Shwe Co., Ltd; 瑞服装")
        self.aliases.setToolTip("Trading names, former names, the name in another script: entity-list screening "
                                "checks each one")
        self.corridors = QLineEdit()
        self.corridors.setPlaceholderText("Migrant workers' countries, e.g. NP, MM")
        self.corridors.setToolTip("The countries the site's migrant workers are recruited from (ISO codes or names, "
                                  "comma-separated): each can add to the inherent risk")
        self.materials = QLineEdit()
        self.materials.setPlaceholderText("Material@country, e.g. Cotton@CN, Cocoa@CI")
        self.materials.setToolTip("Each raw material and the country it comes from, written Material@CC: a material "
                                  "on the DOL list or an area list for that country adds to the inherent risk")
        self.materials_completer = LastItemCompleter([f"{g}@" for g in known_goods()], self.materials)
        self.materials.setCompleter(self.materials_completer)
        self.sector = QLineEdit()
        self.chain_tier = QSpinBox()
        self.chain_tier.setRange(1, MAX_CHAIN_TIER)
        self.chain_tier.setToolTip("1 = direct supplier; 2 = its supplier; and so on")
        self.chain_tier.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000") + 6 * MARGIN)
        self.status = QComboBox()
        for key, word in SUPPLIER_STATUSES:
            self.status.addItem(word, key)
        self.os_id = QLineEdit()
        self.os_id.setPlaceholderText("15 characters, e.g. CN2019303BQ3FZP (optional)")
        self.os_id_status = QLabel()
        self.os_id_status.setWordWrap(True)
        self.identifiers = {scheme: QLineEdit() for scheme in OTHER_SCHEMES}
        self.identifiers["sedex"].setPlaceholderText("ZC… or ZS…")
        self.contact = {key: QLineEdit() for key in ("name", "role", "email", "phone")}
        self.field_errors = {key: _error_label() for key in ("name", "country", "tier in the chain", "contact 1",
                                                             ALIASES, CORRIDORS, MATERIALS)}
        for scheme in OTHER_SCHEMES:
            self.field_errors[IDENTIFIER_SCHEMES[scheme][0]] = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Add supplier" if supplier_id is None else "&Save")

        self.setLayout(self._layout())

        self.os_id.textChanged.connect(self._check_os_id)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self._check_os_id("")
        if supplier_id is not None:
            self._load(supplier_id)

    def _layout(self) -> QVBoxLayout:
        main = QFormLayout()
        main.setVerticalSpacing(SPACING)  # else it inherits the wide gap between the two columns
        self._row(main, "&Name", self.name, "name")
        self._row(main, "&Country", self.country, "country")
        self._row(main, "Add&ress", self.address)
        self._row(main, "&Goods", self.goods)
        self._row(main, "Other na&mes", self.aliases, ALIASES)
        self._row(main, "Wor&kers from", self.corridors, CORRIDORS)
        self._row(main, "Raw mater&ials", self.materials, MATERIALS)
        self._row(main, "S&ector", self.sector)
        self._row(main, "&Tier in chain", self.chain_tier, "tier in the chain")
        self._row(main, "Stat&us", self.status)
        caption = QLabel("&OS ID")
        caption.setBuddy(self.os_id)
        main.addRow(caption, _with_note(self.os_id, self.os_id_status))
        ids = QFormLayout()
        for scheme, label in zip(OTHER_SCHEMES, ("Sedex", "SLCP", "LEI", "Other")):
            self._row(ids, label, self.identifiers[scheme], IDENTIFIER_SCHEMES[scheme][0])
        id_box = QGroupBox("Other identifiers")
        id_box.setLayout(ids)
        people = QFormLayout()
        for key, label in (("name", "Name"), ("role", "Role"), ("email", "Email"), ("phone", "Phone")):
            people.addRow(label, self.contact[key])
        people.addRow(_with_note(QWidget(), self.field_errors["contact 1"]))
        contact_box = QGroupBox("Contact")
        contact_box.setLayout(people)
        side = QVBoxLayout()
        side.setSpacing(SPACING)
        side.addWidget(id_box)
        side.addWidget(contact_box)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(MARGIN * 2)
        columns.addLayout(main, 3)
        columns.addLayout(side, 2)
        outer = QVBoxLayout()
        outer.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        outer.setSpacing(SPACING)
        outer.addWidget(self.errors)
        outer.addLayout(columns)
        outer.addWidget(self.buttons)
        return outer

    def _row(self, form: QFormLayout, label: str, field: QWidget, error: str | None = None) -> None:
        """A labelled field (the mnemonic focuses it), with its error line under it when there is one."""
        caption = QLabel(label)
        caption.setBuddy(field)
        form.addRow(caption, _with_note(field, self.field_errors[error]) if error else field)

    def _load(self, supplier_id: int) -> None:
        """Fill the form from the stored supplier."""
        s = get_supplier(self.ctx, supplier_id)
        self.name.setText(s.name)
        index = self.country.findData(s.country)
        self.country.setCurrentIndex(index)
        if index < 0:
            self.country.setEditText(s.country)
        self.address.setPlainText(s.address)
        self.goods.setText(", ".join(s.goods))
        self.aliases.setText("; ".join(s.aliases))
        self.corridors.setText(", ".join(s.corridors))
        self.materials.setText(", ".join(material_text(m) for m in s.materials))
        self.sector.setText(s.sector)
        self.chain_tier.setValue(s.chain_tier)
        self.status.setCurrentIndex(max(0, self.status.findData(s.status)))
        self.os_id.setText(s.identifiers.get("os_id", ""))
        for scheme, edit in self.identifiers.items():
            edit.setText(s.identifiers.get(scheme, ""))
        if s.contacts:
            for key, edit in self.contact.items():
                edit.setText(s.contacts[0].get(key) or "")

    # -- live checks and saving ------------------------------------------------------------------------------

    def _check_os_id(self, text: str) -> None:
        """Say at once whether the OS ID is well formed (check character included)."""
        if not text.strip():
            self._say(self.os_id_status, "", None)
            return
        try:
            validate_os_id(text)
        except IdentifierError as exc:
            self._say(self.os_id_status, str(exc)[:1].upper() + str(exc)[1:], OVERDUE_COLOUR)
        else:
            self._say(self.os_id_status, "Valid OS ID", VALID_COLOUR)

    @staticmethod
    def _say(label: QLabel, text: str, colour: str | None) -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {colour};" if colour else "")
        label.setVisible(bool(text))

    def values(self) -> dict:
        """What the form holds, as save_supplier takes it."""
        identifiers = {"os_id": self.os_id.text()}
        identifiers.update({scheme: edit.text() for scheme, edit in self.identifiers.items()})
        return {
            "name": self.name.text(), "country": country_code_of(self.country),
            "address": self.address.toPlainText(), "goods": split_items(self.goods.text()),
            "aliases": [a.strip() for a in self.aliases.text().split(";") if a.strip()],
            "corridors": split_items(self.corridors.text()), "materials": split_items(self.materials.text()),
            "sector": self.sector.text(), "chain_tier": self.chain_tier.value(), "status": self.status.currentData(),
            "identifiers": identifiers, "contacts": [{k: e.text() for k, e in self.contact.items()}],
        }

    def save(self) -> None:
        """OK: save through the use case; on refusal show why and stay open."""
        try:
            self.saved_id = save_supplier(self.ctx, self.supplier_id, **self.values())
        except Rejected as exc:
            self.show_errors(exc.messages)
            return
        except StoreError as exc:
            self.show_errors([f"Nothing was saved: {exc.message}"])
            return
        self.accept()

    def show_errors(self, messages: list[str]) -> None:
        """Each message next to its field where it names one, the rest at the top."""
        for label in self.field_errors.values():
            label.hide()
        loose = []
        for message in messages:
            field, _, rest = message.partition(": ")
            text = rest[:1].upper() + rest[1:]
            if field == "Open Supply Hub OS ID":
                self._say(self.os_id_status, text, OVERDUE_COLOUR)
            elif field == "country":
                typed = self.country.currentText().strip()
                self.field_errors[field].setText(
                    f"'{typed}' is not a country: pick one from the list or type its two-letter code "
                    "(e.g. MY for Malaysia)" if typed else "Pick a country from the list or type its code")
                self.field_errors[field].show()
            elif field in self.field_errors:
                self.field_errors[field].setText(text)
                self.field_errors[field].show()
            else:
                loose.append(message)
        count = len(messages)
        head = f"Not saved: {count} thing{'s' if count != 1 else ''} to fix."
        self.errors.setText("\n".join([head, *loose]))
        self.errors.show()
        self._focus_first(messages)

    def _focus_first(self, messages: list[str]) -> None:
        fields = {"name": self.name, "country": self.country, "tier in the chain": self.chain_tier,
                  "Open Supply Hub OS ID": self.os_id, "contact 1": self.contact["name"], ALIASES: self.aliases,
                  CORRIDORS: self.corridors, MATERIALS: self.materials}
        fields.update({IDENTIFIER_SCHEMES[s][0]: e for s, e in self.identifiers.items()})
        for message in messages:
            field = fields.get(message.partition(": ")[0])
            if field is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
