// letterpress search: reads the static index under /search/index/ (written
// by the build; see internal/search) and shows results as you
// type. No framework, no third-party origin. Downloads only the parts of
// the index a query needs. It has no stemmer: the index's vocabulary says
// which term (stem) each word of the site's English text is indexed as.
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch) return;
  form.hidden = false;
  var base = form.dataset.index;
  var input = document.getElementById("q");
  var kindSel = document.getElementById("kind");
  var orgSel = document.getElementById("org");
  var yearSel = document.getElementById("year");
  var status = document.getElementById("search-status");
  var list = document.getElementById("results");
  var more = document.getElementById("more");
  var PAGE = 20;

  var cache = new Map();
  function get(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; }));
    }
    return cache.get(path);
  }

  // Must match tokens() in internal/search/tokens.go.
  var FOLD = { "à": "a", "á": "a", "â": "a", "ä": "a", "ã": "a", "å": "a", "è": "e", "é": "e", "ê": "e", "ë": "e",
    "ì": "i", "í": "i", "î": "i", "ï": "i", "ò": "o", "ó": "o", "ô": "o", "ö": "o", "õ": "o", "ù": "u", "ú": "u",
    "û": "u", "ü": "u", "ẁ": "w", "ẃ": "w", "ŵ": "w", "ẅ": "w", "ỳ": "y", "ý": "y", "ŷ": "y", "ÿ": "y", "ç": "c", "ñ": "n" };
  var STOP = new Set(("a an and are as at be by for from has have i in is it its of on or that the this to was were will " +
    "with we our your you my me yn y yr a ac ar i o mae am ei eu").split(" "));
  function fold(s) {
    var out = "";
    for (var ch of s.toLowerCase()) out += FOLD[ch] || ch;
    return out;
  }
  function tokens(s, keepShort) {
    var words = fold(s).replace(/['’]/g, "").match(/[\p{L}\p{N}]+/gu) || [];
    return words.filter(function (w) { return (keepShort || w.length > 1) && !STOP.has(w); });
  }
  var enc = new TextEncoder();
  function fnv32(s) {
    var h = 2166136261;
    var b = enc.encode(s);
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }
  function prefix(t) {
    var p = Array.from(t).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(p)) return p;
    return Array.from(enc.encode(p)).map(function (x) { return x.toString(16).padStart(2, "0"); }).join("");
  }

  var metaP = get("meta.json");
  function getBin(path) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path).then(function (r) {
        return r.ok ? r.arrayBuffer() : null;
      }).then(function (b) { return b && new Uint8Array(b); }).catch(function () { return null; }));
    }
    return cache.get(path);
  }
  function fromBase64(s) {
    var bin = atob(s), u = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return u;
  }
  // readSet decodes one set of a term's record (appendSet in
  // internal/search/index.go), starting at r.at; it returns an array of
  // numbers and moves r.at on.
  function readSet(r) {
    var u = r.u;
    function uvarint() {
      var x = 0, mul = 1, c;
      do { c = u[r.at++]; x += (c & 127) * mul; mul *= 128; } while (c & 128);
      return x;
    }
    var tag = u[r.at++], out = [];
    if (tag === 0) {
      var n = uvarint(), v = -1;
      for (var i = 0; i < n; i++) { v += uvarint() + 1; out.push(v); }
    } else {
      var first = uvarint(), nb = uvarint();
      for (var k = 0; k < nb; k++) {
        var byte = u[r.at + k];
        for (var j = 0; byte; j++, byte >>= 1) if (byte & 1) out.push(first + 8 * k + j);
      }
      r.at += nb;
    }
    return out;
  }
  // postings gives one term's documents and their weights (title matches
  // weigh most, then organisation names, then frequent use in the text):
  // {docs: [...], w: [...]}, documents in order.
  function postings(meta, term) {
    var b = fnv32(term) % meta.buckets;
    return get("t/" + b + ".json").then(function (bucket) {
      var e = bucket && bucket[term];
      if (e === undefined) return null;
      return typeof e === "number" ? getBin("t/" + b + "-" + e + ".bin") : fromBase64(e);
    }).then(function (u) {
      if (!u) return { docs: [], w: [], f: [] };
      var r = { u: u, at: 0 };
      var docs = readSet(r), w = new Array(docs.length).fill(1), f = new Uint8Array(docs.length);
      var title = readSet(r);
      title.forEach(function (i) { w[i] += 20; f[i] |= 1; });
      // The organisation set, or (mode 1) its difference with the title set.
      var mode = u[r.at++], org = readSet(r);
      if (mode === 1) {
        var inTitle = new Set(title), diff = new Set(org);
        org = title.filter(function (i) { return !diff.has(i); }).concat(org.filter(function (i) { return !inTitle.has(i); }));
      }
      org.forEach(function (i) { w[i] += 8; f[i] |= 2; });
      readSet(r).forEach(function (i) { w[i] += 2; });
      return { docs: docs, w: w, f: f };
    });
  }
  // The vocabulary (vocabShard in internal/search/index.go): by prefix,
  // the terms starting with it ({t: {term: documents}}) and the words of
  // English text starting with it that are indexed as another term, their
  // stem ({s: {word: letters to drop, or the stem, in a list if the word
  // is a term of its own too}}). shards holds those loaded, for mark.
  var shards = new Map();
  function vocab(pre) {
    return get("v/" + pre + ".json").then(function (v) {
      if (v) shards.set(pre, v);
      return v;
    });
  }
  // termsOf gives the terms word w of shard v is indexed as: its stem, in
  // English text; itself, in other text (or if it is its own stem).
  function termsOf(v, w) {
    if (!v) return [];
    var f = v.s && Object.prototype.hasOwnProperty.call(v.s, w) ? v.s[w] : undefined;
    if (f === undefined) return Object.prototype.hasOwnProperty.call(v.t, w) ? [w] : [];
    var both = Array.isArray(f);
    if (both) f = f[0];
    var stem = typeof f === "number" ? w.slice(0, w.length - f) : f;
    return both && stem !== w ? [stem, w] : [stem];
  }
  // completions gives the terms of the words starting with t (being
  // typed), other than exact, the five held by most documents.
  function completions(v, t, exact) {
    if (!v) return [];
    var seen = new Set(exact), out = [];
    Object.keys(v.t).concat(v.s ? Object.keys(v.s) : []).forEach(function (w) {
      if (w.indexOf(t) !== 0 || w === t) return;
      termsOf(v, w).forEach(function (x) {
        if (!seen.has(x)) { seen.add(x); out.push(x); }
      });
    });
    return out.sort(function (a, b) { return (v.t[b] || 0) - (v.t[a] || 0) || (a < b ? -1 : 1); }).slice(0, 5);
  }

  function spanOf(meta, n) {
    var s = meta.spans;
    var lo = 0, hi = s.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (s[mid].f <= n) lo = mid; else hi = mid - 1; }
    return s[lo];
  }

  // words: the query's words; query: for each, {w, terms (a Set), prefix
  // (it is being typed)}, for mark.
  var results = [], shown = 0, words = [], query = [], seq = 0;

  // The query and filters are kept in the address (as the form's own
  // submission would put them), so that a reload, a bookmark or a shared
  // link finds the same.
  function saveState() {
    var url = new URL(location.href);
    // A space after the last word says it is finished: one is kept.
    var q = input.value.replace(/^\s+/, "").replace(/\s+$/, " ");
    if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
    [["kind", kindSel], ["org", orgSel], ["year", yearSel]].forEach(function (f) {
      if (f[1].value) url.searchParams.set(f[0], f[1].value); else url.searchParams.delete(f[0]);
    });
    history.replaceState(null, "", url);
  }

  async function run() {
    var my = ++seq;
    var q = input.value.trim();
    saveState();
    list.textContent = ""; more.hidden = true; shown = 0;
    words = tokens(q, true);
    var typing = q.length > 0 && !/\s$/.test(input.value);
    // Single letters are not indexed: they count only as the start of a
    // word being typed.
    words = words.filter(function (w, i) { return w.length > 1 || (typing && i === words.length - 1); });
    if (words.length === 1 && words[0].length < 2) words = []; // wait for a second letter
    if (!words.length) { status.textContent = ""; results = []; query = []; status.dataset.query = q; return; }
    status.textContent = form.dataset.loading;
    var meta = await metaP;
    if (!meta) { status.textContent = form.dataset.noindex; return; }
    // Every word must match; the last one may be a word still being typed
    // (then its completions count too, at half weight). Each word is found
    // as the terms the vocabulary gives it (its stem, in English text).
    // Scores add up in arrays over all documents: cheap even for 300,000
    // documents.
    var n = meta.docs, score = new Float64Array(n), hits = new Uint8Array(n), strong = new Uint8Array(n);
    var org = orgSel.value, kind = kindSel.value, year = yearSel.value;
    var vs = await Promise.all(words.map(function (w) { return vocab(prefix(w)); }));
    if (my !== seq) return;
    var mine = words.map(function (w, i) {
      var exact = termsOf(vs[i], w), prefixed = i === words.length - 1 && typing;
      return { w: w, exact: exact, more: prefixed ? completions(vs[i], w, exact) : [], prefix: prefixed };
    });
    // Every word's files are fetched at once, not one word after another.
    var fetched = await Promise.all([Promise.all(mine.map(function (m) {
      return Promise.all([Promise.all(m.exact.map(function (x) { return postings(meta, x); })),
        Promise.all(m.more.map(function (x) { return postings(meta, x); }))]);
    })), org ? postings(meta, "org:" + org) : null]);
    if (my !== seq) return;
    query = mine.map(function (m) { return { w: m.w, terms: new Set(m.exact.concat(m.more)), prefix: m.prefix }; });
    var lists = fetched[0], orgList = fetched[1];
    var best = new Float64Array(n), where = new Uint8Array(n), inTitle = new Uint8Array(n);
    lists.forEach(function (l, wi) {
      // best[d]: this word's weight in document d (the best of its forms);
      // where[d]: whether it is in the title (1) or an organisation's name (2).
      var touched = [];
      l[0].concat(l[1]).forEach(function (p, pi) {
        var f = pi < l[0].length ? 1 : 0.5;
        for (var j = 0; j < p.docs.length; j++) {
          var d = p.docs[j], v = p.w[j] * f;
          if (best[d] === 0) touched.push(d);
          if (v > best[d]) best[d] = v;
          where[d] |= p.f[j];
        }
      });
      touched.forEach(function (d) {
        if (hits[d] === wi) {
          hits[d]++;
          score[d] += best[d];
          if (where[d]) strong[d]++;
          if (where[d] & 1) inTitle[d]++;
        }
        best[d] = 0;
        where[d] = 0;
      });
    });
    var allow = null;
    if (orgList) { allow = new Uint8Array(n); orgList.docs.forEach(function (d) { allow[d] = 1; }); }
    var scored = [];
    for (var d = 0; d < n; d++) {
      if (hits[d] !== words.length) continue;
      if (allow && !allow[d]) continue;
      if (kind || year) {
        var sp = spanOf(meta, d);
        if (kind && sp.k !== kind) continue;
        if (year && String(sp.y) !== year) continue;
      }
      // First the organisations and pages whose name holds every word,
      // then the documents with every word in the title or an
      // organisation's name, then the rest.
      var tier = 0;
      if (strong[d] === words.length) {
        tier = 1;
        if (inTitle[d] === words.length) {
          var k = spanOf(meta, d).k;
          if (k === "organisation" || k === "page") tier = 2;
        }
      }
      scored.push([tier * 1e6 + score[d], d]);
    }
    scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    results = scored.map(function (s) { return s[1]; });
    status.textContent = results.length ? form.dataset.count.replace("0", String(results.length)) : form.dataset.none;
    await showMore(my, meta);
    if (my === seq) status.dataset.query = q; // for tests: this query is shown
  }

  var orgNames = null;
  async function showMore(my, meta) {
    if (!orgNames) { orgNames = new Map(meta.orgs); }
    var page = results.slice(shown, shown + PAGE);
    var details = await Promise.all(page.map(function (n) {
      return get("d/" + Math.floor(n / meta.shard) + ".json").then(function (s) { return s && s[n % meta.shard]; });
    }));
    if (my !== seq) return;
    var exact = fold(input.value.trim());
    // An exact title match goes to the top of the first page.
    if (shown === 0) {
      var order = details.map(function (d, i) { return [d && fold(d.t) === exact ? 0 : 1, i]; });
      order.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      details = order.map(function (o) { return details[o[1]]; });
    }
    details.forEach(function (d) { if (d) list.appendChild(item(d)); });
    shown += page.length;
    more.hidden = shown >= results.length;
  }

  function item(d) {
    var li = document.createElement("li");
    li.className = "doc doc-" + d.k;
    if (d.l) li.lang = d.l;
    var h = document.createElement("h3");
    h.className = "doc-title";
    var a = document.createElement("a");
    a.href = d.u; a.textContent = d.t;
    h.appendChild(a);
    var line = document.createElement("p");
    line.className = "doc-line";
    var k = document.createElement("span");
    k.className = "doc-kind";
    k.textContent = form.dataset["kind" + d.k.charAt(0).toUpperCase() + d.k.slice(1)] || d.k;
    line.appendChild(k);
    var bits = [];
    if (d.d) bits.push(d.d);
    if (d.o && d.o.length && d.k !== "organisation") {
      bits.push(d.o.slice(0, 3).map(function (id) { return orgNames.get(id) || id; }).join(", ") + (d.o.length > 3 ? " …" : ""));
    }
    // d.a: the words were found in a file published with the document
    // (its link is the file), and says which.
    if (d.a) bits.push(d.a);
    if (bits.length) line.appendChild(document.createTextNode(" · " + bits.join(" · ")));
    li.append(h, line);
    if (d.x) {
      var p = document.createElement("p");
      p.className = "doc-summary";
      mark(p, snippet(d.x));
      li.appendChild(p);
    }
    return li;
  }

  // found says whether a word of a text is one the query found: the
  // same word, a word indexed as one of the terms found (another form of
  // it, by the vocabulary) or, for the word being typed, one starting
  // with it.
  function found(part) {
    var f = fold(part).replace(/['’]/g, "");
    if (!f) return false;
    var terms = null;
    return query.some(function (q) {
      if (f === q.w || q.prefix && q.w.length > 1 && f.indexOf(q.w) === 0) return true;
      if (terms === null) terms = termsOf(shards.get(prefix(f)), f);
      return terms.some(function (t) { return q.terms.has(t); });
    });
  }

  // SNIPPET is about how many characters of a result's text are shown.
  var SNIPPET = 280;
  // snippet is the part of text x to show: around its first word the
  // query found, from the start of that word's sentence if it is near, or
  // the start of x if the word is in its first lines (or not in x).
  function snippet(x) {
    var re = /[\p{L}\p{N}'’]+/gu, m, at = -1;
    while ((m = re.exec(x))) {
      if (found(m[0])) { at = m.index; break; }
    }
    var start = 0;
    if (at > SNIPPET - 80) {
      var head = x.slice(Math.max(0, at - 120), at), end = head.match(/^[\s\S]*[.!?]\s+/);
      if (end) start = at - head.length + end[0].length;
      else {
        var sp = x.indexOf(" ", at - 60);
        start = sp >= 0 && sp < at ? sp + 1 : at;
      }
    }
    var text = x.slice(start);
    if (text.length > SNIPPET) {
      var cut = text.lastIndexOf(" ", SNIPPET);
      text = text.slice(0, cut > SNIPPET / 2 ? cut : SNIPPET).replace(/[\s,;:]+$/, "") + "…";
    }
    return (start > 0 ? "…" : "") + text;
  }

  // mark writes text into el with the words the query found in <mark>.
  function mark(el, text) {
    var parts = text.split(/([\p{L}\p{N}'’]+)/u);
    parts.forEach(function (part, i) {
      if (i % 2 === 1 && found(part)) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(run, 120); }
  input.addEventListener("input", later);
  [kindSel, orgSel, yearSel].forEach(function (s) { s.addEventListener("change", run); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  more.addEventListener("click", function () {
    var first = list.children.length;
    metaP.then(function (meta) {
      showMore(seq, meta).then(function () {
        var a = list.children[first] && list.children[first].querySelector("a");
        if (a) a.focus();
      });
    });
  });
  // A query from the address (a shared link, a bookmark, a reload) is run
  // as if typed, with its filters: its last word, unless a space follows
  // it, also matches as the start of a word.
  var params = new URL(location.href).searchParams;
  [["kind", kindSel], ["org", orgSel], ["year", yearSel]].forEach(function (f) {
    var v = params.get(f[0]);
    if (v && Array.from(f[1].options).some(function (o) { return o.value === v; })) f[1].value = v;
  });
  var q0 = params.get("q");
  if (q0 && q0.trim()) { input.value = q0.replace(/^\s+/, ""); run(); }
})();
