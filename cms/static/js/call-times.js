// The call time picker (templates/calls/includes/time_picker.html) works as a plain form; this
// adds, when the visitor's browser is in another time zone than the clinic, each time in their
// own zone, and announces the chosen time to screen readers.
(function () {
  "use strict";

  function yourZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  }

  function showLocalTimes(picker) {
    var zone = yourZone();
    if (!zone || zone === picker.dataset.clinicZone) {
      return;
    }
    var lang = document.documentElement.lang || undefined;
    var format = new Intl.DateTimeFormat(lang, {
      weekday: "short",
      hour: "numeric",
      minute: "2-digit",
      timeZone: zone,
    });
    var template = picker.dataset.yourTime || "%(time)s";
    picker.querySelectorAll("[data-utc]").forEach(function (element) {
      var moment = new Date(element.dataset.utc);
      if (!isNaN(moment.getTime())) {
        element.textContent = "(" + template.replace("%(time)s", format.format(moment)) + ")";
      }
    });
  }

  function announceChoice(picker) {
    var live = picker.querySelector(".time-picker__chosen");
    var template = picker.dataset.chosen || "%(time)s";
    if (!live) {
      return;
    }
    picker.addEventListener("change", function (event) {
      var input = event.target;
      if (input && input.name === "starts_at" && input.checked) {
        live.textContent = template.replace("%(time)s", input.dataset.label || "");
      }
    });
  }

  document.querySelectorAll(".time-picker").forEach(function (picker) {
    showLocalTimes(picker);
    announceChoice(picker);
  });
})();
