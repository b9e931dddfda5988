"""The visitor's booking link (inside the site's languages: Spanish under /es/)."""

from django.urls import path

from calls import public_views

urlpatterns = [
    path("<str:token>/", public_views.book_view, name="calls_book"),
    path("<str:token>/cancel/", public_views.cancel_view, name="calls_cancel"),
]
