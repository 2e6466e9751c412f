// Progressive enhancement only: every page works without JavaScript except the chart, audio and test call.
document.addEventListener('click', function (event) {
  if (event.target.closest('[data-print]')) {
    window.print();
  }
});
