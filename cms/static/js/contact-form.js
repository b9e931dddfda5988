/*
 * Contact forms on pages from the page cache carry no tokens of their own. When a visitor
 * reaches a form (it scrolls into view, or they start typing), ask the server for their own
 * CSRF token and "form shown at" time and put them in the form. A page view alone asks for
 * nothing, so it sets no cookie.
 *
 * If the request fails or is slow, the form is sent once the answer is in, or without tokens:
 * the server then shows the form again, filled in, with tokens (the same path as a browser
 * without JavaScript), so nothing the visitor typed is lost.
 */
(function () {
  "use strict";

  function setField(form, name, value) {
    var field = form.querySelector('input[name="' + name + '"]');
    if (field) {
      field.value = value;
    }
  }

  function prepare(form) {
    var pending = null;

    function loadTokens() {
      if (pending === null) {
        pending = fetch(form.getAttribute("data-tokens-url"), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            if (!response.ok) {
              throw new Error("token request failed: " + response.status);
            }
            return response.json();
          })
          .then(function (tokens) {
            setField(form, "csrfmiddlewaretoken", tokens.csrfmiddlewaretoken);
            setField(form, "shown_at", tokens.shown_at);
            form.setAttribute("data-tokens", "ready");
          })
          .catch(function () {
            pending = null;
          });
      }
      return pending || Promise.resolve();
    }

    form.addEventListener("focusin", loadTokens);
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          loadTokens();
        }
      });
      observer.observe(form);
    }
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-tokens") === "ready") {
        return;
      }
      event.preventDefault();
      loadTokens().then(function () {
        form.submit();
      });
    });
  }

  document.querySelectorAll("form[data-tokens-url]").forEach(prepare);
})();
