// Event pages: behaviour kept out of the HTML so the Content-Security-Policy can forbid inline code.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
