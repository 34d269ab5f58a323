// The assessment form: show only the chosen outcome's details. Without JavaScript all of them
// stay visible, and the server keeps only the chosen outcome's when it is recorded.
const form = document.querySelector("[data-assessment-form]");

function showChosenOutcome() {
  const chosen = form.querySelector("input[name=outcome]:checked");
  form.querySelectorAll("fieldset[data-outcome]").forEach((fieldset) => {
    fieldset.hidden = !chosen || fieldset.dataset.outcome !== chosen.value;
  });
}

if (form) {
  form.querySelectorAll("input[name=outcome]").forEach((radio) => {
    radio.addEventListener("change", showChosenOutcome);
  });
  showChosenOutcome();
}
