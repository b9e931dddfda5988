/*
 * The self-check in steps. Without this script the questions are one page of sections with one
 * button, and the server checks the answers. With it: one section at a time, "Step 2 of 5"
 * (announced politely), Back and Next buttons, a check that each required question of a step has
 * an answer before moving on (the error is shown beside the question and announced), and the
 * crisis help shown at once when the safety answer is anything but "no".
 *
 * The wording comes from the form's data attributes, translated on the server.
 */
(function () {
  "use strict";

  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }

  function prepare(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));
    if (steps.length < 2) {
      return;
    }
    var progress = form.querySelector("[data-progress]");
    var submit = form.querySelector("[data-submit]");
    var crisis = form.querySelector("[data-crisis-now]");
    var labels = form.dataset;
    var current = 0;

    function button(text, className, onClick) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = className;
      element.textContent = text;
      element.addEventListener("click", onClick);
      return element;
    }

    function showStep(index, moveFocus) {
      each(steps, function (step, position) {
        step.hidden = position !== index;
      });
      current = index;
      progress.hidden = false;
      progress.textContent = labels.progressLabel
        .replace("%(current)s", String(index + 1))
        .replace("%(total)s", String(steps.length));
      if (moveFocus) {
        steps[index].querySelector(".self-check__heading").focus();
      }
    }

    function describe(fieldset, error, showError) {
      var ids = (fieldset.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== error.id;
      });
      if (showError) {
        ids.unshift(error.id);
      }
      if (ids.length) {
        fieldset.setAttribute("aria-describedby", ids.join(" "));
      } else {
        fieldset.removeAttribute("aria-describedby");
      }
    }

    function stepIsAnswered(step) {
      var firstMissing = null;
      each(step.querySelectorAll("fieldset[data-required]"), function (fieldset) {
        var error = fieldset.querySelector("[data-error]");
        var answered = fieldset.querySelector("input:checked") !== null;
        error.hidden = answered;
        fieldset.classList.toggle("field--error", !answered);
        describe(fieldset, error, !answered);
        if (!answered) {
          error.setAttribute("role", "alert");
          error.querySelector("[data-error-text]").textContent = labels.requiredLabel;
          firstMissing = firstMissing || fieldset.querySelector("input");
        }
      });
      if (firstMissing) {
        firstMissing.focus();
      }
      return firstMissing === null;
    }

    function updateCrisisHelp() {
      var chosen = form.querySelector('input[name="safety"]:checked');
      crisis.hidden = !(chosen && chosen.value !== "no");
    }

    form.classList.add("self-check--steps");
    each(steps, function (step, index) {
      var nav = document.createElement("div");
      nav.className = "self-check__nav";
      if (index > 0) {
        nav.appendChild(
          button(labels.backLabel, "button button--secondary", function () {
            showStep(index - 1, true);
          })
        );
      }
      if (index < steps.length - 1) {
        nav.appendChild(
          button(labels.nextLabel, "button", function () {
            if (stepIsAnswered(step)) {
              showStep(index + 1, true);
            }
          })
        );
      } else {
        nav.appendChild(submit);
      }
      step.appendChild(nav);
    });

    if (crisis) {
      form.addEventListener("change", function (event) {
        if (event.target.name === "safety") {
          updateCrisisHelp();
        }
      });
      updateCrisisHelp();
    }

    form.addEventListener("submit", function (event) {
      if (!stepIsAnswered(steps[current])) {
        event.preventDefault();
      }
    });

    // The error summary's links lead into steps that may be hidden: open the step first.
    each(form.querySelectorAll(".error-summary a"), function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        var step = target && target.closest("[data-step]");
        if (step) {
          event.preventDefault();
          showStep(steps.indexOf(step), false);
          target.focus();
        }
      });
    });

    // After the server found a question unanswered, start at its step.
    var start = 0;
    steps.some(function (step, index) {
      if (step.querySelector(".field--error")) {
        start = index;
        return true;
      }
      return false;
    });
    showStep(start, false);
  }

  each(document.querySelectorAll("[data-self-check]"), prepare);
})();
