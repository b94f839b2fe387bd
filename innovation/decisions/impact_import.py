"""Impact data for many candidates at once, from CSV text: one row per candidate, columns named as
the API's impact fields. Every row is read and checked before anything is saved, with the
same rules as a hand edit; saving goes through `update_impact`, so each change lands in the
impact history exactly like one. All or nothing: a file with any error changes nothing."""

import csv
import io
import logging
from dataclasses import dataclass, field

from .. import events
from ..accounts.models import User
from ..accounts.permissions import STAFF, require_role
from ..platform.errors import Conflict, ServiceError, ValidationFailed
from ..platform.input import text_problem
from .amounts import AmountError, parse_amount
from .impact import check_ranges, clean_impact
from .models import IMPACT_FIELDS, Candidate, Round
from .money import currency_code
from .permissions import get_visible_round
from .services import update_impact

log = logging.getLogger(__name__)

MAX_CSV_CHARS = 1_000_000  # about 5,000 full rows: far more than a round ever has candidates
MAX_ROWS = 500
MAX_ERRORS_SHOWN = 50
COLUMNS = ("idea_id", *IMPACT_FIELDS)
MONEY_FIELDS = ("cost", "cost_low", "cost_high", "annual_benefit", "benefit_low", "benefit_high")
UNKNOWN = "unknown"
# Spreadsheets run a cell starting with one of these as a formula ("=cmd|' /C calc'!A0"); such a
# text is kept, with a leading apostrophe, so that any spreadsheet it reaches shows it as text.
FORMULA_STARTS = ("=", "+", "@", "\t", "\r", "-")
DELIMITERS = (",", ";", "\t")


@dataclass
class ImportRow:
    row: int
    idea_id: int
    candidate_id: int
    title: str
    impact: dict  # the fields this row sets (None = unknown)
    changed: set[str] = field(default_factory=set)  # of those, the ones that differ from now


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message); row 0 = the whole file
    columns: list[str] = field(default_factory=list)

    def error(self, row: int, message: str) -> None:
        self.errors.append((row, message))

    def lines(self) -> list[tuple[int, ImportRow | None, list[str]]]:
        """(row, its importable values or None, its errors) in row order, for the preview."""
        rows = {r.row: r for r in self.rows}
        numbers = sorted(set(rows) | {row for row, _m in self.errors if row})
        return [(n, rows.get(n), [m for row, m in self.errors if row == n]) for n in numbers]

    def file_errors(self) -> list[str]:
        return [message for row, message in self.errors if row == 0]

    def as_json(self) -> dict:
        return {
            "rows": [{"row": r.row, "candidate_id": r.candidate_id, "impact": r.impact} for r in self.rows],
            "errors": [{"row": row, "message": message} for row, message in self.errors],
        }


class ImportHasErrors(ValidationFailed):
    """An import refused for its rows' errors; `report` lists them for the page to show."""

    def __init__(self, report: "ImportReport"):
        count = len(report.errors)
        super().__init__(
            f"Nothing was imported: the CSV has {count} {'error' if count == 1 else 'errors'}; they are shown by row.",
            code="import_has_errors",
            fields={"csv": [_located(row, message) for row, message in report.errors[:MAX_ERRORS_SHOWN]]},
        )
        self.report = report


def neutralize_formula(text: str) -> str:
    """`text` as a spreadsheet shows it, never runs it: a leading apostrophe before a formula
    start ("- " starting a list is left alone)."""
    if text.startswith(FORMULA_STARTS) and not text.startswith("- "):
        return "'" + text
    return text


def impact_csv(round_: Round) -> str:
    """The round's impact data as CSV, ready to edit in a spreadsheet and import again; texts
    that a spreadsheet would run as formulas are neutralized."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for candidate in round_.candidates:
        values = [candidate.idea_id]
        for name in IMPACT_FIELDS:
            value = getattr(candidate, name)
            if value is None:
                values.append(UNKNOWN)
            elif name in ("risk", "sources"):
                values.append(neutralize_formula(str(value)))
            else:
                values.append(f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, float) else value)
        writer.writerow(values)
    return out.getvalue()


def import_impact(actor: User, round_id, csv_text, *, dry_run: bool) -> ImportReport:
    """Check `csv_text` against the round's candidates; unless `dry_run`, save every row's
    changes as hand edits would (422 `import_has_errors` and nothing saved when any row fails)."""
    require_role(actor, *STAFF, action="import_impact")
    round_ = get_visible_round(actor, round_id, for_update=not dry_run)
    if round_.status in ("closed", "decided"):  # what update_impact refuses, said before the preview
        raise Conflict("This round is closed; its candidates and numbers are final.", code="round_closed")
    report = read_impact_csv(round_, csv_text, currency=currency_code())
    if dry_run:
        return report
    if report.errors:
        raise ImportHasErrors(report)
    for item in report.rows:
        update_impact(actor, round_.id, item.candidate_id, item.impact)
    events.impact_imported.send(round_, actor=actor, candidate_ids=[r.candidate_id for r in report.rows])
    log.info("user %s imported impact data for %s candidates of round %s", actor.id, len(report.rows), round_.id)
    return report


def _located(row: int, message: str) -> str:
    return f"Row {row}: {message}" if row else message


def read_impact_csv(round_: Round, text, *, currency: str) -> ImportReport:
    """Every row of `text` checked against `round_`'s candidates, with its errors (no saving)."""
    report = ImportReport()
    if not isinstance(text, str) or not text.strip():
        report.error(0, "The CSV is empty: paste rows with a header line first.")
        return report
    if len(text) > MAX_CSV_CHARS:
        report.error(0, f"The CSV is too long ({len(text):,} characters; at most {MAX_CSV_CHARS:,}).")
        return report
    text = text.removeprefix("\ufeff")  # the byte order mark spreadsheets put first
    records = _records(text, report)
    if records is None:
        return report
    header, body = records[0], records[1:]
    columns = _columns(header, report)
    if columns is None:
        return report
    report.columns = columns
    if not body:
        report.error(0, "The CSV has a header but no rows.")
    candidates = {c.idea_id: c for c in round_.candidates}
    seen: dict[int, int] = {}
    for number, cells in body:
        try:
            report.rows.append(_row(number, cells, columns, candidates, seen, currency))
        except ServiceError as exc:
            report.error(number, exc.message)
    return report


def _records(text: str, report: ImportReport) -> list[tuple[int, list[str]]] | None:
    """The header and the non-blank rows, numbered as a spreadsheet numbers them (header = 1)."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda d: sum(_name(c) in COLUMNS for c in first_line.split(d)))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > 1 and not any(c.strip() for c in cells):
                continue
            if len(records) > MAX_ROWS:
                report.error(0, f"The CSV has more than {MAX_ROWS} rows; import at most {MAX_ROWS} at a time.")
                return None
            records.append((number, cells))
    except csv.Error as exc:
        report.error(reader.line_num, f"The CSV cannot be read here ({exc}); check the quotes on this line.")
        return None
    return records


def _name(cell: str) -> str:
    return cell.strip().strip('"').strip().lower()


def _columns(header: tuple[int, list[str]], report: ImportReport) -> list[str] | None:
    names = [_name(c) for c in header[1]]
    unknown = [n or "(empty)" for n in names if n not in COLUMNS]
    if unknown:
        separators = any(d in n for n in unknown for d in ";\t|,")
        report.error(
            1,
            f"Unknown {'column' if len(unknown) == 1 else 'columns'}: {', '.join(u[:40] for u in unknown[:12])}. "
            f"The columns are idea_id and the impact fields: {', '.join(IMPACT_FIELDS)}"
            + ("; separate them with commas or semicolons." if separators else "."),
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        report.error(1, f"Repeated {'column' if len(repeated) == 1 else 'columns'}: {', '.join(repeated)}.")
    if "idea_id" not in names:
        report.error(1, "The header needs an idea_id column (the idea's number, e.g. 12 for idea #12).")
    return None if report.errors else names


def _row(number: int, cells: list[str], columns: list[str], candidates: dict, seen: dict, currency: str) -> ImportRow:
    if len(cells) != len(columns):
        raise ValidationFailed(f"This row has {len(cells)} cells; the header has {len(columns)}.")
    values = dict(zip(columns, cells, strict=True))
    idea_id = _idea_id(values.pop("idea_id"))
    candidate: Candidate | None = candidates.get(idea_id)
    if candidate is None:
        raise ValidationFailed(f"Idea #{idea_id} is not a candidate in this round; add it first.")
    if idea_id in seen:
        raise ValidationFailed(f"Idea #{idea_id} is already on row {seen[idea_id]}; give each idea one row.")
    seen[idea_id] = number
    raw = {name: _cell(name, cell, currency) for name, cell in values.items() if cell.strip()}
    impact = clean_impact(raw, partial=True)
    check_ranges({**candidate.impact, **impact})
    changed = {name for name, value in impact.items() if getattr(candidate, name) != value}
    return ImportRow(number, idea_id, candidate.id, candidate.idea.title, impact, changed)


def _idea_id(cell: str) -> int:
    digits = cell.strip().removeprefix("#")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 10:
        shown = cell.strip()[:20] or "(empty)"
        raise ValidationFailed(f"idea_id “{shown}” is not an idea number (e.g. 12 for idea #12).")
    return int(digits)


def _cell(name: str, cell: str, currency: str):
    text = cell.strip()
    if text.lower() == UNKNOWN:
        if not Candidate.__table__.c[name].nullable:
            raise ValidationFailed(f"{name} cannot be “unknown”; give a number.")
        return None
    if name == "sources":
        problem = text_problem(text, multiline=True)
        if problem:
            raise ValidationFailed(f"sources {problem}.")
        return neutralize_formula(text)
    if name == "risk":
        return text.lower()
    try:
        if name in MONEY_FIELDS:
            return parse_amount(text, currency=currency)
        number = parse_amount(text.removesuffix("%").strip(), currency=currency)
    except AmountError as exc:
        raise ValidationFailed(f"{name}: {exc}") from None
    return number
