// The viewer's behaviour: index paging and filtering, and showing one document at a time.
// Everything it shows is already in the page, escaped; it never builds markup from text.
(function () {
  'use strict';
  var PAGE_ROWS = 100;
  var rows = Array.prototype.slice.call(document.querySelectorAll('#index tbody tr'));
  var articles = document.querySelectorAll('#docs article');
  var filter = document.getElementById('filter');
  var info = document.getElementById('pageinfo');
  var matching = rows;
  var visible = rows;
  var page = 0;
  var haystack = null;
  var shown = null;

  function showPage() {
    var pages = Math.max(1, Math.ceil(matching.length / PAGE_ROWS));
    page = Math.max(0, Math.min(page, pages - 1));
    visible.forEach(function (r) { r.hidden = true; });
    visible = matching.slice(page * PAGE_ROWS, (page + 1) * PAGE_ROWS);
    visible.forEach(function (r) { r.hidden = false; });
    info.textContent = 'page ' + (page + 1) + ' of ' + pages + ' (' + matching.length + ' documents)';
  }

  function applyFilter() {
    var needle = filter.value.trim().toLowerCase();
    if (needle && haystack === null) {
      haystack = rows.map(function (r, i) {
        return (r.textContent + ' ' + articles[i].textContent).toLowerCase();
      });
    }
    matching = needle ? rows.filter(function (r, i) { return haystack[i].indexOf(needle) >= 0; }) : rows;
    page = 0;
    showPage();
  }

  function showFromHash() {
    var m = /^#d(\d+)(q\d+)?$/.exec(location.hash);
    var n = m ? Number(m[1]) : (articles.length ? 0 : -1);
    if (n < 0 || n >= articles.length) { return; }
    if (shown !== null) {
      articles[shown].hidden = true;
      rows[shown].classList.remove('current');
    }
    shown = n;
    articles[n].hidden = false;
    rows[n].classList.add('current');
    document.getElementById('empty').hidden = true;
    var target = m && m[2] ? document.getElementById(location.hash.slice(1)) : null;
    (target || articles[n]).scrollIntoView({block: target ? 'center' : 'start'});
  }

  function quoteOf(el) {
    var link = el.closest('[data-speaker],[data-cue]');
    return link && document.getElementById(link.getAttribute('data-speaker') || link.getAttribute('data-cue'));
  }

  document.getElementById('docs').addEventListener('click', function (e) {
    var quote = quoteOf(e.target);
    if (quote) { location.hash = '#' + quote.id; }
  });
  ['mouseover', 'mouseout'].forEach(function (type) {
    document.getElementById('docs').addEventListener(type, function (e) {
      var quote = quoteOf(e.target);
      if (quote) { quote.classList.toggle('hl', type === 'mouseover'); }
    });
  });
  var timer = null;
  filter.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(applyFilter, 150);
  });
  document.getElementById('prev').addEventListener('click', function () { page -= 1; showPage(); });
  document.getElementById('next').addEventListener('click', function () { page += 1; showPage(); });
  window.addEventListener('hashchange', showFromHash);
  showPage();
  showFromHash();
  document.body.setAttribute('data-ready', String(articles.length));
})();
