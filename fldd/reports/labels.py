"""The report's own words (headings, column names, fixed sentences), one dict per language.

The questionnaire's content (questions, options, rating and severity names) comes translated from the standard;
these are the words around it. A language missing here falls back to English, key by key, so a new
questionnaire language prints a readable report before its report words are translated. No reportlab here:
the use cases and the Excel report read these too.
"""

from __future__ import annotations

EN = {
    # data words
    "no_answer": "no answer", "yes": "Yes", "no": "No",
    "fewer_than": "fewer than {n}", "more_than": "more than {n}", "not_shown": "not shown (small group)",
    "from_interviews": "Worker interviews", "hidden": "not shown",
    "interviews_withheld": "Fewer than {n} workers were interviewed: findings and thresholds that rest on the "
                           "worker interviews alone are not listed in this report (they stand in fldd, and the "
                           "rating counts them), so that no worker can be singled out.",
    "interview_reason": "A result of the worker interviews sets this rating (not told further, so that no worker "
                        "can be singled out).", "interview_finding": "Worker interviews: {name}",
    "interviews_small": "Fewer than {n} workers were interviewed: no interview result is shown, so that no worker "
                        "can be singled out.",
    "status.draft": "Draft", "status.submitted": "Submitted", "status.under_review": "Under review",
    "status.closed": "Closed",
    "action.open": "Open", "action.in_progress": "In progress", "action.done": "Done", "action.verified": "Verified",
    "tier.desktop": "Desktop self-assessment", "tier.onsite": "On-site assessment",
    "provisional": "{rating}, provisional ({detail})", "provisional_detail": "{answered} of {required} answered",
    "not_submitted": "not submitted", "not_rated": "Not rated yet",
    "agree": "Agree", "disagree": "Disagree",
    "next.plan": "Send the corrective action plan for: {title}",
    "next.closure": "Finish the corrective action: {title}",
    "next.submit": "Answer every required question and submit the assessment ({missing} still open)",
    "next.revalidate": "Assess again: the result is valid until this date",
    "next.escalate": "{action}: {title}",
    "overdue": "overdue",
    "band_reason": "The score, {score}, is in the band of {rating} ({minimum} and above); no red flag or finding "
                   "makes it worse.",
    "send.plan": "Corrective action plan for finding {n}: {title}",
    "send.proof": "Proof that the action for finding {n} is finished: {title}",
    # headings
    "report.title": "Forced-labour risk assessment report",
    "closing.title": "Closing meeting summary",
    "h.contents": "Contents", "h.summary": "Executive summary", "h.results": "Results by indicator and module",
    "h.findings": "Findings and corrective action plan", "h.answers": "Answers by module",
    "h.evidence": "Evidence files", "h.onsite": "On-site verification", "h.declared": "Declared and verified",
    "h.interviews": "Worker interviews (aggregates)", "h.glossary": "Glossary", "h.method": "Method and sources",
    "h.indicators": "ILO forced-labour indicators", "h.modules": "Modules", "h.triggers": "Triggered thresholds",
    "h.next": "What happens next", "h.red_flags": "Red flags", "h.reasons": "Why this rating",
    "h.signatures": "Signatures", "h.agreed": "Corrective actions agreed", "h.to_send": "What the site must send",
    # cover and tables
    "supplier": "Supplier", "identifiers": "Identifiers", "os_id": "OS ID", "country": "Country",
    "address": "Site address", "goods": "Goods", "chain_tier": "Tier in the supply chain",
    "questionnaire": "Questionnaire", "version": "Version", "tier": "Assessment type", "assessor": "Assessor",
    "assessment": "Assessment", "started": "Started", "assessed": "Assessment date", "submitted": "Submitted",
    "closed": "Closed", "valid_until": "Valid until", "status": "Status", "rating": "Rating", "score": "Score",
    "completeness": "Required questions answered", "generated": "Report written on",
    "severity": "Severity", "title": "Finding", "plan_due": "Plan due", "closure_due": "Closure due",
    "owner": "Owner", "evidence": "Evidence", "action": "Corrective action", "seen_in": "Seen in",
    "observed": "What was found",
    "because": "Answers behind it", "history": "History", "question": "Question", "answer": "Answer",
    "comment": "Comment", "file": "File", "sha256": "SHA-256", "size": "Size", "attached_to": "Attached to",
    "indicator": "Indicator", "module": "Module", "risk": "Risk", "answered": "Answered", "declared": "Declared",
    "verified": "Verified on site", "result": "Result", "workers": "Workers", "term": "Term",
    "definition": "Definition", "what": "What", "by": "By", "name": "Name", "role": "Role",
    "signature": "Signature", "date": "Date", "site": "Site", "auditor": "Auditor",
    "site_rep": "Site management representative", "page": "Page {n} of {m}", "none": "None",
    "corrected": "declared {declared}; corrected: {reason}", "workers_interviewed": "Workers interviewed",
    "no_findings": "No findings were raised.", "no_triggers": "No threshold was triggered.",
    "no_red_flags": "No red flags.", "no_evidence": "No evidence files are attached.",
    "no_declared": "No desktop declaration to compare with.",
    "interviews_note": "Counts of fewer than {n} workers, the counts close to all of them, and every count of a "
                       "group under twice {n} are not printed, nor is anything that would tell them (a rule, a "
                       "title, a row), so that no worker can be singled out. Interview codes, dates and notes are "
                       "not included.",
    "closing_privacy": "Worker-interview details are not included in this summary; results appear only as "
                       "aggregates in the full report.",
    "closing_pending": "Provisional: raised when the assessment is submitted, with plan and closure dates counted "
                       "from that day (shown here from {date}).",
    "provisional_mark": "provisional",
    "h.retired": "Answers kept from an earlier version",
    "chart.indicators": "Risk level (a longer bar means more risk)",
    "chart.modules": "Score, 0-100 (a longer bar means less risk found; colour: the score's rating band)",
    "declared_in": "Declared in answer to",
    "retired_note": "Answers given to questions an earlier version of the questionnaire asked and this one no "
                    "longer does. They are kept as given and are not scored.",
    "h.versions": "Version history", "asked_in": "Asked in version", "answered_by": "Answered by",
    "from_version": "From version", "to_version": "To version", "moved_by": "Moved by", "moved_on": "Moved on",
    "rating_before": "Rating before", "rating_after": "Rating after",
    "method.text": "The answers were scored against the fldd standard named below. Each answer carries 0 to 3 risk "
                   "points; the score is 100 x (1 - risk found / most risk the answered questions could carry), "
                   "so 100 means no risk was found. The rating starts from the score's band and is never better "
                   "than the red flags and findings beside it. Thresholds turn answers into findings with "
                   "corrective-action deadlines, or into an escalation. A finding is a sign that calls for a "
                   "closer look; only a court or competent authority decides that a case is legally forced labour.",
    "standard": "Standard", "content_hash": "Content fingerprint", "sources": "Sources",
    "software": "Software",
    # the Excel report's own words (sheet names, column headers the PDF does not print)
    "sheet.summary": "Summary", "sheet.answers": "Answers", "sheet.findings": "Findings and actions",
    "sheet.indicators": "Indicators", "sheet.modules": "Modules", "sheet.evidence": "Evidence",
    "sheet.declared": "Declared vs verified", "sheet.interviews": "Worker interviews",
    "sheet.glossary": "Glossary", "sheet.sources": "Sources", "sheet.triggers": "Triggered thresholds",
    "rule": "Rule", "item": "Item", "value": "Value",
    "detail": "Detail", "question_id": "Question ID", "raw": "Stored value", "files": "Evidence files",
    "source": "Raised by", "overdue_column": "Overdue", "shown": "Questions shown", "bytes": "Size (bytes)",
    "number": "No.", "id": "ID", "why": "Why", "desktop_question": "Declared in answer to",
    "risk_points": "Risk (0-3)", "percent": "{answered_required} of {required} ({percent:.0f}%)",
    "red_flag": "Red flag", "trigger": "Action", "next": "What happens next", "key": "Key",
    "citation": "Citation", "correction": "Correction", "interview_note": "Worker interviews",
    "sheet.retired": "Kept answers", "sheet.moves": "Version moves", "answered_on": "Answered on",
    "score_before": "Score before", "score_after": "Score after",
}

ES = {
    "no_answer": "sin respuesta", "yes": "Sí", "no": "No",
    "fewer_than": "menos de {n}", "more_than": "más de {n}", "not_shown": "no se muestra (grupo pequeño)",
    "from_interviews": "Entrevistas a trabajadores", "hidden": "no se muestra",
    "interviews_withheld": "Se entrevistó a menos de {n} trabajadores: los hallazgos y umbrales que se basan solo "
                           "en las entrevistas no se listan en este informe (constan en fldd y la calificación los "
                           "cuenta), para que ningún trabajador pueda ser identificado.",
    "interview_reason": "Un resultado de las entrevistas a trabajadores fija esta calificación (sin más detalle, "
                        "para que ningún trabajador pueda ser identificado).", "interview_finding": "Entrevistas a trabajadores: {name}",
    "interviews_small": "Se entrevistó a menos de {n} trabajadores: no se muestra ningún resultado de las "
                        "entrevistas, para que ningún trabajador pueda ser identificado.",
    "status.draft": "Borrador", "status.submitted": "Enviada", "status.under_review": "En revisión",
    "status.closed": "Cerrada",
    "action.open": "Abierta", "action.in_progress": "En curso", "action.done": "Hecha", "action.verified": "Verificada",
    "tier.desktop": "Autoevaluación documental", "tier.onsite": "Evaluación in situ",
    "provisional": "{rating}, provisional ({detail})", "provisional_detail": "{answered} de {required} respondidas",
    "not_submitted": "sin enviar", "not_rated": "Sin calificar aún",
    "agree": "Coincide", "disagree": "No coincide",
    "next.plan": "Enviar el plan de acción correctiva de: {title}",
    "next.closure": "Completar la acción correctiva: {title}",
    "next.submit": "Responder todas las preguntas obligatorias y enviar la evaluación ({missing} pendientes)",
    "next.revalidate": "Evaluar de nuevo: el resultado es válido hasta esta fecha",
    "next.escalate": "{action}: {title}",
    "overdue": "vencida",
    "band_reason": "La puntuación, {score}, está en la banda de {rating} ({minimum} o más); ninguna señal de alerta "
                   "ni hallazgo la empeora.",
    "send.plan": "Plan de acción correctiva del hallazgo {n}: {title}",
    "send.proof": "Prueba de que la acción del hallazgo {n} está terminada: {title}",
    "report.title": "Informe de evaluación de riesgo de trabajo forzoso",
    "closing.title": "Resumen de la reunión de cierre",
    "h.contents": "Índice", "h.summary": "Resumen ejecutivo", "h.results": "Resultados por indicador y módulo",
    "h.findings": "Hallazgos y plan de acción correctiva", "h.answers": "Respuestas por módulo",
    "h.evidence": "Archivos de evidencia", "h.onsite": "Verificación in situ", "h.declared": "Declarado y verificado",
    "h.interviews": "Entrevistas a trabajadores (agregados)", "h.glossary": "Glosario",
    "h.method": "Método y fuentes", "h.indicators": "Indicadores de trabajo forzoso de la OIT",
    "h.modules": "Módulos", "h.triggers": "Umbrales activados", "h.next": "Próximos pasos",
    "h.red_flags": "Señales de alerta", "h.reasons": "Por qué esta calificación", "h.signatures": "Firmas",
    "h.agreed": "Acciones correctivas acordadas", "h.to_send": "Lo que el centro debe enviar",
    "supplier": "Proveedor", "identifiers": "Identificadores", "os_id": "OS ID", "country": "País",
    "address": "Dirección del centro", "goods": "Productos", "chain_tier": "Nivel en la cadena de suministro",
    "questionnaire": "Cuestionario", "version": "Versión", "tier": "Tipo de evaluación", "assessor": "Evaluador",
    "assessment": "Evaluación", "started": "Iniciada", "assessed": "Fecha de evaluación", "submitted": "Enviada",
    "closed": "Cerrada", "valid_until": "Válida hasta", "status": "Estado", "rating": "Calificación",
    "score": "Puntuación", "completeness": "Preguntas obligatorias respondidas", "generated": "Informe emitido el",
    "severity": "Gravedad", "title": "Hallazgo", "plan_due": "Plan para", "closure_due": "Cierre para",
    "owner": "Responsable", "evidence": "Evidencia", "action": "Acción correctiva", "seen_in": "Visto en",
    "observed": "Lo constatado",
    "because": "Respuestas que lo originan", "history": "Historial", "question": "Pregunta", "answer": "Respuesta",
    "comment": "Comentario", "file": "Archivo", "sha256": "SHA-256", "size": "Tamaño", "attached_to": "Adjunto a",
    "indicator": "Indicador", "module": "Módulo", "risk": "Riesgo", "answered": "Respondidas",
    "declared": "Declarado", "verified": "Verificado in situ", "result": "Resultado", "workers": "Trabajadores",
    "term": "Término", "definition": "Definición", "what": "Qué", "by": "Para", "name": "Nombre", "role": "Cargo",
    "signature": "Firma", "date": "Fecha", "site": "Centro", "auditor": "Auditor",
    "site_rep": "Representante de la dirección del centro", "page": "Página {n} de {m}", "none": "Ninguno",
    "corrected": "declarado {declared}; corregido: {reason}", "workers_interviewed": "Trabajadores entrevistados",
    "no_findings": "No se registraron hallazgos.", "no_triggers": "No se activó ningún umbral.",
    "no_red_flags": "Sin señales de alerta.", "no_evidence": "No hay archivos de evidencia adjuntos.",
    "no_declared": "No hay declaración documental con la que comparar.",
    "interviews_note": "Los recuentos de menos de {n} trabajadores, los cercanos al total y todo recuento de un "
                       "grupo de menos del doble de {n}, y lo que permitiera deducirlos, no se imprimen, para que "
                       "ningún trabajador pueda ser identificado. No se incluyen códigos, fechas ni notas de las "
                       "entrevistas.",
    "closing_privacy": "Este resumen no incluye detalles de las entrevistas a trabajadores; sus resultados solo "
                       "aparecen como agregados en el informe completo.",
    "closing_pending": "Provisional: se registran al enviar la evaluación, con plazos contados desde ese día "
                       "(aquí desde {date}).",
    "provisional_mark": "provisional",
    "h.retired": "Respuestas conservadas de una versión anterior",
    "chart.indicators": "Nivel de riesgo (una barra más larga indica más riesgo)",
    "chart.modules": "Puntuación, 0-100 (una barra más larga indica menos riesgo; color: banda de la puntuación)",
    "declared_in": "Declarado en respuesta a",
    "retired_note": "Respuestas a preguntas que hacía una versión anterior del cuestionario y esta ya no hace. "
                    "Se conservan tal como se dieron y no se puntúan.",
    "h.versions": "Historial de versiones", "asked_in": "Preguntada en la versión", "answered_by": "Respondida por",
    "from_version": "De la versión", "to_version": "A la versión", "moved_by": "Movida por", "moved_on": "Fecha",
    "rating_before": "Calificación antes", "rating_after": "Calificación después",
    "method.text": "Las respuestas se puntuaron según el estándar fldd indicado abajo. Cada respuesta suma de 0 a 3 "
                   "puntos de riesgo; la puntuación es 100 x (1 - riesgo encontrado / riesgo máximo de las "
                   "preguntas respondidas), así que 100 significa que no se encontró riesgo. La calificación parte "
                   "de la banda de la puntuación y nunca es mejor que las señales de alerta y los hallazgos. Los "
                   "umbrales convierten respuestas en hallazgos con plazos de acción correctiva, o en una derivación. "
                   "Un hallazgo es una señal que pide una revisión más detallada; solo un tribunal o autoridad "
                   "competente decide que un caso es legalmente trabajo forzoso.",
    "standard": "Estándar", "content_hash": "Huella del contenido", "sources": "Fuentes", "software": "Programa",
    # the Excel report's own words (sheet names, column headers the PDF does not print)
    "sheet.summary": "Resumen", "sheet.answers": "Respuestas", "sheet.findings": "Hallazgos y acciones",
    "sheet.indicators": "Indicadores", "sheet.modules": "Módulos", "sheet.evidence": "Evidencia",
    "sheet.declared": "Declarado vs verificado", "sheet.interviews": "Entrevistas",
    "sheet.glossary": "Glosario", "sheet.sources": "Fuentes", "sheet.triggers": "Umbrales activados",
    "rule": "Regla", "item": "Dato", "value": "Valor",
    "detail": "Detalle", "question_id": "ID de pregunta", "raw": "Valor guardado",
    "files": "Archivos de evidencia", "source": "Originado por", "overdue_column": "Vencida",
    "shown": "Preguntas mostradas", "bytes": "Tamaño (bytes)", "number": "N.º", "why": "Por qué",
    "desktop_question": "Declarado en respuesta a", "risk_points": "Riesgo (0-3)",
    "percent": "{answered_required} de {required} ({percent:.0f} %)", "red_flag": "Señal de alerta",
    "trigger": "Acción", "next": "Próximos pasos", "key": "Clave", "citation": "Cita",
    "correction": "Corrección",
    "interview_note": "Entrevistas a trabajadores",
    "sheet.retired": "Respuestas conservadas", "sheet.moves": "Cambios de versión",
    "answered_on": "Respondida el", "score_before": "Puntuación antes", "score_after": "Puntuación después",
}

LABELS = {"en": EN, "es": ES}


def words(lang: str) -> dict[str, str]:
    """The report words in `lang`, English where a word is not translated."""
    return {**EN, **LABELS.get(lang, {})}
