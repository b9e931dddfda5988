"""Spreadsheet exports that a spreadsheet program never evaluates (issue 11): a mixin for Wagtail's
export views (index views and reports with `list_export`).

A cell of text that starts with = + - @, a tab or a carriage return can be read as a formula
(`=HYPERLINK(...)` in a visitor's name becomes a live link). Such text is written with a leading
apostrophe, in CSV and XLSX alike (the OWASP rule). A phone number in E.164 form (+15035550100)
stays readable: in XLSX it is written as a text cell without the apostrophe (a text cell is never
evaluated); in CSV, which has no cell types, it gets the apostrophe like any other such text."""

import re

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


class FormulaSafeExportMixin:
    """Put before the Wagtail view class: every exported text cell is neutralised after the view's
    own preprocessing, and E.164 phone numbers are text cells in XLSX."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_XLSX and is_e164_phone(value):
            return value
        return neutralise_formula(value)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if is_e164_phone(cell.value):
                cell.data_type = "s"
                cell.number_format = TEXT_NUMBER_FORMAT
            yield cell
