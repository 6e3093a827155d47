// The console works without this file: it only saves a click or two.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select[data-auto]")) el.form.submit();  // a filter applies at once
  if (el.matches("input[data-all]")) {  // «Chọn tất cả» ticks every proposal
    for (const box of document.querySelectorAll(`input[name="${el.dataset.all}"]`)) box.checked = el.checked;
  }
});
