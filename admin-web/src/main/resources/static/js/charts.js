// Draws the trend charts: data comes from the canvas's data-trend attribute (no inline scripts: CSP).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('canvas[data-trend]').forEach(function (canvas) {
    var points = JSON.parse(canvas.dataset.trend || '[]');
    var labels = points.map(function (p) { return p.label; });
    var pick = function (key) { return points.map(function (p) { return p[key]; }); };
    var chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: labels,
        datasets: [
          { label: canvas.dataset.labelLow, data: pick('low'), borderWidth: 0, pointRadius: 0, fill: false },
          { label: canvas.dataset.labelHigh, data: pick('high'), borderWidth: 0, pointRadius: 0, fill: '-1',
            backgroundColor: 'rgba(179,38,30,0.12)' },
          { label: canvas.dataset.labelSatisfaction, data: pick('satisfaction'), borderColor: '#b3261e', tension: 0.2 },
          { label: canvas.dataset.labelOnTime, data: pick('onTime'), borderColor: '#0b57d0', borderDash: [4, 3], tension: 0.2 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { y: { min: 0, max: 100 } },
        plugins: { legend: { labels: { filter: function (item) { return item.datasetIndex >= 2; } } } }
      }
    });
    canvas.dataset.rendered = String(chart.data.labels.length);
  });
});
