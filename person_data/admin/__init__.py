"""The person-data admin: "Find a person" with its copy and erase views, the "Person requests"
list, the audit list, and the "erase" action on a lead's page. person_data/wagtail_hooks.py
registers them; nothing below imports this."""
