"""Validation problems, each naming file, line and (where there is one) the question."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (error) or worth fixing (warning) in a standard file."""

    path: str
    line: int
    message: str
    level: str = "error"
    item: str | None = None  # the question, threshold or term id concerned

    def __str__(self) -> str:
        where = f" [{self.item}]" if self.item else ""
        return f"{self.path}:{self.line}: {self.level}:{where} {self.message}"

    def to_json(self) -> dict[str, object]:
        """A plain dict for `--json` output."""
        return {"file": self.path, "line": self.line, "level": self.level, "item": self.item,
                "message": self.message}


@dataclass
class Problems:
    """Collects problems while a standard is read, so that one run reports every one."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: object, line: int, message: str, item: str | None = None) -> None:
        """Record an error: the file cannot be used as it is."""
        self.items.append(Problem(str(path), line, message, "error", item))

    def warning(self, path: object, line: int, message: str, item: str | None = None) -> None:
        """Record a warning: the file works, but something is missing (a translation, say)."""
        self.items.append(Problem(str(path), line, message, "warning", item))

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.items if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings."""
        return [p for p in self.items if p.level == "warning"]

    def sorted(self) -> list[Problem]:
        """Problems in file and line order, without repeats."""
        return sorted(set(self.items), key=lambda p: (p.path, p.line, p.level, p.message))
