// Deliveries (issue 21): the driver's page's "Print" button.
document.addEventListener("click", (e) => {
  const b = e.target instanceof Element ? e.target.closest("[data-print]") : null;
  if (b) window.print();
});
