"""The pm's CSV import of impact data: paste or upload, preview with per-row errors, then save."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField

from ..accounts.permissions import STAFF, role_required
from ..platform.errors import ValidationFailed
from ..platform.web import attempt
from . import bp
from .impact_import import MAX_CSV_CHARS, impact_csv, import_impact
from .permissions import get_visible_round

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class ImportForm(FlaskForm):
    csv = TextAreaField("Paste CSV")
    file = FileField("…or upload a .csv file")

    def csv_text(self) -> str:
        """The uploaded file's text when one is chosen, else the pasted text (ValidationFailed
        when the file is too large or not UTF-8)."""
        upload = self.file.data
        if upload is None or not getattr(upload, "filename", ""):
            return self.csv.data or ""
        raw = upload.stream.read(MAX_UPLOAD_BYTES + 1)
        if len(raw) > MAX_UPLOAD_BYTES:
            raise ValidationFailed("The file is larger than 2 MB; import at most 500 rows at a time.")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationFailed(
                "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and upload it again."
            ) from None


@bp.route("/rounds/<int:round_id>/impact-import", methods=["GET", "POST"])
@login_required
@role_required(*STAFF)
def impact_import(round_id: int):
    round_ = get_visible_round(current_user, round_id)
    form, report, refusal = ImportForm(), None, None
    if form.validate_on_submit():
        saving = "save" in request.form
        text, refusal = attempt(form.csv_text, show=(422,))
        if refusal is None:
            form.csv.data = text  # an uploaded file's rows stay on the page, to be fixed there
            report, refusal = attempt(
                lambda: import_impact(current_user, round_.id, text, dry_run=not saving), show=(409, 422)
            )
        if refusal is None and saving:
            flash(
                f"Impact data imported for {len(report.rows)} candidates; the history keeps the earlier numbers.",
                "success",
            )
            return redirect(url_for("decisions.detail", round_id=round_.id) + "#impact")
        report = getattr(refusal, "report", report)
    elif not form.is_submitted():
        form.csv.data = impact_csv(round_)
    status = refusal.status if refusal else (400 if form.errors else 200)
    return render_template(
        "decisions/impact_import.html", form=form, round=round_, report=report, refusal=refusal, limit=MAX_CSV_CHARS
    ), status


@bp.route("/rounds/<int:round_id>/impact.csv")
@login_required
@role_required(*STAFF)
def impact_export(round_id: int):
    round_ = get_visible_round(current_user, round_id)
    return Response(
        impact_csv(round_),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="round-{round_.id}-impact.csv"'},
    )
