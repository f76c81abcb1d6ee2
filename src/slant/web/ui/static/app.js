// Reading view: show the technique, explanation and score of the focused highlight; step
// through highlights with buttons or the [ and ] keys; show or hide every technique at once.
// Everything is written with textContent: no article text ever becomes markup.
(function () {
  'use strict';
  // a chart wider than the screen scrolls in its box: say so under it (and only then)
  function markScrolling() {
    document.querySelectorAll('.chart-box').forEach(function (box) {
      box.classList.toggle('scrolls', box.scrollWidth > box.clientWidth + 1);
    });
  }
  markScrolling();
  window.addEventListener('resize', markScrolling);

  // on a phone the explorer's filters fold under the search box unless one of them is set
  var form = document.getElementById('filters');
  var more = form && form.querySelector('button.more-filters');
  if (more && window.matchMedia && window.matchMedia('(max-width: 40rem)').matches) {
    more.hidden = false;
    var fold = function (folded) {
      form.classList.toggle('folded', folded);
      more.setAttribute('aria-expanded', folded ? 'false' : 'true');
      more.textContent = folded ? 'More filters and order' : 'Fewer filters';
    };
    fold(form.getAttribute('data-narrowed') !== '1');
    more.addEventListener('click', function () { fold(!form.classList.contains('folded')); });
  }
})();
(function () {
  'use strict';
  var panel = document.getElementById('explain-body');
  if (!panel) return;
  var empty = document.getElementById('explain-empty');
  var marks = Array.prototype.slice.call(document.querySelectorAll('#article-body mark.hl'));
  var current = -1;
  // On a narrow screen the side panel sits below the whole article: the explanation moves to
  // just after the paragraph the reader tapped, and back to the side panel on a wide screen.
  var explain = document.getElementById('explain');
  var home = explain ? explain.parentNode : null;
  var homeNext = explain ? explain.nextSibling : null;
  var narrow = window.matchMedia ? window.matchMedia('(max-width: 60rem)') : { matches: false };

  function place(mark) {
    if (!explain) return;
    if (narrow.matches) {
      var block = mark.closest('.par') || mark.parentNode;
      if (block.nextSibling !== explain) block.parentNode.insertBefore(explain, block.nextSibling);
      explain.classList.add('inline');
      explain.hidden = false;
      var box = explain.getBoundingClientRect();
      if (box.bottom > window.innerHeight || box.top < 0) explain.scrollIntoView({ block: 'nearest' });
    } else if (explain.parentNode !== home) {
      home.insertBefore(explain, homeNext);
      explain.classList.remove('inline');
      explain.hidden = false;
    }
  }

  var close = document.getElementById('explain-close');
  var closing = false;
  if (close) {
    close.addEventListener('click', function () {
      explain.hidden = true;
      // back to the highlight the reader was on, without opening the explanation again
      closing = true;
      if (current >= 0) marks[current].focus();
      closing = false;
    });
  }

  function show(mark) {
    marks.forEach(function (m) { m.classList.remove('active'); });
    mark.classList.add('active');
    current = marks.indexOf(mark);
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var passage = document.createElement('p');
    passage.className = 'passage';
    passage.textContent = '“' + mark.textContent + '”';
    panel.appendChild(passage);
    (mark.getAttribute('title') || '').split('\n').forEach(function (line) {
      if (!line) return;
      var cut = line.indexOf(': ');
      var head = cut >= 0 ? line.slice(0, cut) : line;
      var body = cut >= 0 ? line.slice(cut + 2) : '';
      var item = document.createElement('div');
      item.className = 'technique';
      var name = document.createElement('strong');
      var score = head.match(/\(([<>]?\d+%)\)$/);  // taxonomy.percent: "68%", ">99%", "<1%"
      name.textContent = score ? head.slice(0, head.length - score[0].length).trim() : head;
      item.appendChild(name);
      if (score) {
        var s = document.createElement('span');
        s.className = 'score';
        // a calibrated probability (slant.analyze.taxonomy.SCORE_MEANING, said under the legend)
        s.textContent = 'probability ' + score[1] + ' that annotators would mark these words with this technique';
        item.appendChild(s);
      }
      if (body) {
        var p = document.createElement('div');
        p.textContent = body;
        item.appendChild(p);
      }
      panel.appendChild(item);
    });
    if (empty) empty.hidden = true;
    place(mark);
  }

  function visible() {
    return marks.filter(function (m) { return !m.classList.contains('off'); });
  }

  function step(by) {
    var list = visible();
    if (!list.length) return;
    var at = current >= 0 ? list.indexOf(marks[current]) : -1;
    var next = list[(at + by + list.length) % list.length];
    next.focus();
    show(next);
  }

  marks.forEach(function (mark) {
    mark.setAttribute('role', 'button');
    mark.setAttribute('aria-describedby', 'explain');
    mark.addEventListener('mouseenter', function () { show(mark); });
    mark.addEventListener('focus', function () { if (!closing) show(mark); });
    mark.addEventListener('click', function () { show(mark); });
    mark.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(mark); }
    });
  });

  document.querySelectorAll('[data-step]').forEach(function (button) {
    button.addEventListener('click', function () { step(parseInt(button.getAttribute('data-step'), 10)); });
  });
  document.addEventListener('keydown', function (e) {
    var t = e.target || {};
    var typing = t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' ||
      (t.tagName === 'INPUT' && t.type !== 'checkbox' && t.type !== 'radio');
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === ']') step(1);
    if (e.key === '[') step(-1);
  });
  document.querySelectorAll('[data-toggle-all]').forEach(function (button) {
    button.addEventListener('click', function () {
      var on = button.getAttribute('data-toggle-all') === 'on';
      document.querySelectorAll('input[data-toggle]').forEach(function (box) {
        if (box.checked !== on) {
          box.checked = on;
          box.dispatchEvent(new Event('change'));
        }
      });
    });
  });
})();
