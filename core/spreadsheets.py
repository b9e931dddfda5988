"""Spreadsheet exports that a spreadsheet program never evaluates, that carry no invisible
characters, and whose times agree: a mixin for Wagtail's export views (index views and reports
with `list_export`).

A cell of text that starts with = + - @, a tab or a carriage return can be read as a formula
(`=HYPERLINK(...)` in a visitor's name becomes a live link). Such text is written with a leading
apostrophe, in CSV and XLSX alike (the OWASP rule). A phone number in E.164 form (+15035550100)
stays readable: in XLSX it is written as a text cell without the apostrophe (a text cell is never
evaluated); in CSV, which has no cell types, it gets the apostrophe like any other such text.

Every text cell loses control and format characters (core.text), so a name stored before they were
refused cannot read backwards in a spreadsheet. Times are the clinic's wall-clock time (TIME_ZONE)
in both formats, and each time column's heading names the zone: Wagtail writes XLSX times in UTC
without saying so, five hours off the CSV."""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from core.text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
E164_PHONE = re.compile(r"\+[1-9]\d{6,14}")
TEXT_NUMBER_FORMAT = "@"


def neutralise_formula(value):
    """Text that could start a formula, prefixed with an apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_e164_phone(value) -> bool:
    return isinstance(value, str) and E164_PHONE.fullmatch(value) is not None


def clinic_time(value: datetime.datetime) -> datetime.datetime:
    """An aware time as the clinic's wall clock, without a zone (what a spreadsheet cell holds)."""
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def clinic_minute(value: datetime.datetime) -> str:
    return f"{clinic_time(value):%Y-%m-%d %H:%M}"


class FormulaSafeExportMixin:
    """Put before the Wagtail view class: every exported text cell is cleaned and neutralised
    after the view's own preprocessing, E.164 phone numbers are text cells in XLSX, and times are
    the clinic's, to the minute in CSV and as date cells in XLSX, under a heading naming the
    zone."""

    def get_preprocess_function(self, field, value, export_format):
        if isinstance(value, datetime.datetime) and field not in self.custom_field_preprocess:
            return clinic_time if export_format == self.FORMAT_XLSX else clinic_minute
        return super().get_preprocess_function(field, value, export_format)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, str):
            value = clean_text(value)
        if export_format == self.FORMAT_XLSX and is_e164_phone(value):
            return value
        return neutralise_formula(value)

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        model = getattr(queryset, "model", None)  # a report may hand over a list of rows
        try:
            model_field = model._meta.get_field(field) if model else None
        except FieldDoesNotExist:  # pk, a method or a related path: not a stored time
            return heading
        if model_field is not None and model_field.get_internal_type() == "DateTimeField":
            return f"{heading} ({timezone.get_current_timezone_name()})"
        return heading

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if is_e164_phone(cell.value):
                cell.data_type = "s"
                cell.number_format = TEXT_NUMBER_FORMAT
            yield cell
