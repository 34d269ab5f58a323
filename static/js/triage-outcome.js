// The assessment form: show only the chosen outcome's details. Without JavaScript all of them
// stay visible, and the server keeps only the chosen outcome's when it is recorded.
const form = document.querySelector("[data-assessment-form]");

function showChosenOutcome() {
  const chosen = form.querySelector("input[name=outcome]:checked");
  form.querySelectorAll("fieldset[data-outcome]").forEach((fieldset) => {
    fieldset.hidden = !chosen || fieldset.dataset.outcome !== chosen.value;
  });
  // What only the log needs (the identifiers to decide, what leaves with it) stays until another
  // outcome is chosen: a handler reviews it before choosing.
  form.querySelectorAll("[data-log-only]").forEach((section) => {
    section.hidden = Boolean(chosen) && section.dataset.logOnly !== chosen.value;
  });
}

if (form) {
  form.querySelectorAll("input[name=outcome]").forEach((radio) => {
    radio.addEventListener("change", showChosenOutcome);
  });
  showChosenOutcome();
}
