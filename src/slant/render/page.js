// Toggle a technique's highlights from the legend. The page is complete without this script.
document.querySelectorAll('input[data-toggle]').forEach(function (box) {
  box.addEventListener('change', function () {
    var label = box.getAttribute('data-toggle');
    document.querySelectorAll('[data-labels]').forEach(function (el) {
      var labels = el.getAttribute('data-labels').split(' ');
      if (labels.indexOf(label) === -1) return;
      var anyOn = labels.some(function (l) {
        var other = document.querySelector('input[data-toggle="' + l + '"]');
        return other && other.checked;
      });
      el.classList.toggle('off', !anyOn);
    });
  });
});
