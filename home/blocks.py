"""The home page's body: the shared blocks plus the contact form."""

from core.blocks import BaseStreamBlock
from leads.blocks import ContactFormBlock


class HomeBodyBlock(BaseStreamBlock):
    """Everything the home page's body offers: the shared blocks and the contact form."""

    contact_form = ContactFormBlock()
