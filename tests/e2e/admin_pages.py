"""Open admin pages in Chromium and collect what went wrong on each: uncaught page errors and
console errors. One helper, so a new admin page is checked by adding its address to a list."""

from dataclasses import dataclass, field

from playwright.sync_api import Page

DEMO_PASSWORD = "correct horse battery staple"  # UserFactory's password


@dataclass
class PageProblems:
    """What one admin page reported while it loaded."""

    url: str
    status: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == 200 and not self.errors


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def open_and_collect_problems(page: Page, url: str) -> PageProblems:
    """Load `url`, wait until the network is quiet (so late scripts have run) and return its
    status with every page error and console error seen meanwhile."""
    problems = PageProblems(url)
    on_error = lambda error: problems.errors.append(f"page error: {error}")  # noqa: E731
    on_console = lambda message: (  # noqa: E731
        message.type == "error" and problems.errors.append(f"console: {message.text}")
    )
    page.on("pageerror", on_error)
    page.on("console", on_console)
    try:
        response = page.goto(url, wait_until="networkidle")
        problems.status = response.status if response else None
    finally:
        page.remove_listener("pageerror", on_error)
        page.remove_listener("console", on_console)
    return problems
