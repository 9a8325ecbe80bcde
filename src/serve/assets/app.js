// The writers' page: checks the ad as it is typed (debounced) through POST /api/check, shows
// the findings highlighted in the text and in a side panel, applies replacements and inserts
// missing paragraphs, and copies the revision of POST /api/fix. Talks only to its own server.
"use strict";

const DEBOUNCE_MS = 300;

const UI = {
  nb: {
    tagline: "finn tersklene i stillingsannonsen", adLanguage: "Annonsens språk", auto: "automatisk",
    format: "Format", plainText: "ren tekst", openFile: "Åpne fil", uiLangHint: "Bytt språk i grensesnittet",
    summary: "Oppsummering", errors: ["feil", "feil"], warnings: ["advarsel", "advarsler"], infos: ["merknad", "merknader"], score: "Terskelpoeng",
    adLabel: "Annonseteksten – skriv eller lim inn", adHint: "Teksten sjekkes mens du skriver. Ingenting lagres eller sendes ut av maskinen din.",
    copyRevised: "Kopier revidert annonse", revisedTitle: "Revidert annonse", findingsTitle: "Funn",
    noFindings: "Ingen funn ennå. Skriv eller lim inn en annonse.", clean: "Ingen funn. Godt skrevet!",
    footer: "terskel kjører lokalt på din maskin. Forslagene er forslag: du kjenner stillingen best.",
    toggle: "English", checking: "Sjekker …", checked: (n) => `${n} funn`, failed: "Kunne ikke sjekke: ",
    copied: "Revidert annonse kopiert", copyFailed: "Kunne ikke kopiere automatisk – teksten er markert under",
    apply: "Bruk forslaget", insert: "Sett inn avsnitt", show: "Vis i teksten", why: "Hvorfor?", suggestion: "Forslag",
    wholeAd: "Hele annonsen", applied: "Endret", inserted: "Avsnitt satt inn", loaded: (name) => `Åpnet ${name}`,
    severity: { error: "feil", warning: "advarsel", info: "merknad" }, section: "del",
    sections: { requirements: "krav", preferred: "ønsket", duties: "arbeidsoppgaver", personal: "personlige egenskaper",
      offer: "vi tilbyr", about: "om oss", application: "søknad", title: "tittel", other: "annet" },
  },
  en: {
    tagline: "find the thresholds in a job ad", adLanguage: "Ad language", auto: "automatic",
    format: "Format", plainText: "plain text", openFile: "Open file", uiLangHint: "Switch the interface language",
    summary: "Summary", errors: ["error", "errors"], warnings: ["warning", "warnings"], infos: ["note", "notes"], score: "Threshold score",
    adLabel: "The ad – type or paste it", adHint: "The text is checked as you type. Nothing is stored or sent off your machine.",
    copyRevised: "Copy revised ad", revisedTitle: "Revised ad", findingsTitle: "Findings",
    noFindings: "No findings yet. Type or paste an ad.", clean: "No findings. Well written!",
    footer: "terskel runs locally on your machine. Suggestions are suggestions: you know the job best.",
    toggle: "Norsk", checking: "Checking …", checked: (n) => `${n} findings`, failed: "Could not check: ",
    copied: "Revised ad copied", copyFailed: "Could not copy automatically – the text is selected below",
    apply: "Apply suggestion", insert: "Insert paragraph", show: "Show in the text", why: "Why?", suggestion: "Suggestion",
    wholeAd: "Whole ad", applied: "Changed", inserted: "Paragraph inserted", loaded: (name) => `Opened ${name}`,
    severity: { error: "error", warning: "warning", info: "note" }, section: "section",
    sections: { requirements: "requirements", preferred: "nice to have", duties: "duties", personal: "personal qualities",
      offer: "what we offer", about: "about us", application: "application", title: "title", other: "other" },
  },
};

const state = { ui: "nb", seq: 0, timer: null, findings: [], current: -1, text: "" };
const $ = (id) => document.getElementById(id);
const t = (key) => UI[state.ui][key];

function setStatus(text) { $("status").textContent = text; }

function request() {
  return { text: $("ad").value, lang: $("lang").value, format: $("format").value };
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(check, DEBOUNCE_MS);
}

async function check() {
  const seq = ++state.seq;
  const sent = $("ad").value;
  setStatus(t("checking"));
  try {
    const data = await post("/api/check", request());
    if (seq !== state.seq || sent !== $("ad").value) return; // a newer check is on its way
    render(data);
    setStatus(t("checked")(data.summary.findings));
  } catch (e) {
    if (seq === state.seq) setStatus(t("failed") + e.message);
  }
}

function render(data) {
  const doc = data.documents[0];
  state.findings = doc.findings;
  state.text = $("ad").value;
  state.current = -1;
  const s = data.summary.severities;
  $("n-error").textContent = s.error;
  $("n-warning").textContent = s.warning;
  $("n-info").textContent = s.info;
  $("score").textContent = data.summary.score;
  countLabels();
  renderHighlights();
  renderFindings();
}

const RANK = { error: 3, warning: 2, info: 1 };

function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Until the next check answers, keep the highlights on the words they were on: offsets after an
// edit move with it, findings and edits inside the edited stretch are dropped.
function followEdit() {
  const before = state.text, after = $("ad").value;
  if (before === after) return;
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p &&
         before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
  const editEnd = before.length - q, delta = after.length - before.length;
  const move = (r) => {
    if (!r) return r;
    if (r.end <= p && r.start < p) return r;
    if (r.start >= editEnd) return { ...r, start: r.start + delta, end: r.end + delta };
    return null;
  };
  state.findings = state.findings.map((f) => {
    const g = { ...f };
    if (f.utf16) g.utf16 = move(f.utf16);
    if (f.edit) {
      const r = move(f.edit.utf16);
      g.edit = r ? { ...f.edit, utf16: r } : null;
    }
    return g;
  }); // same length and order: the panel's buttons refer to findings by index

  state.text = after;
}

// The text with <mark> around each finding; where findings overlap, the most severe colours it.
function renderHighlights() {
  const text = $("ad").value;
  const spans = state.findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.utf16 && f.utf16.end > f.utf16.start && f.utf16.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const { f } of spans) { cuts.add(f.utf16.start); cuts.add(f.utf16.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k], b = points[k + 1];
    const piece = escapeHtml(text.slice(a, b));
    let best = null;
    for (const s of spans) {
      if (s.f.utf16.start <= a && s.f.utf16.end >= b && (!best || RANK[s.f.severity] > RANK[best.f.severity])) best = s;
    }
    if (best) {
      const current = best.i === state.current ? " current" : "";
      html += `<mark class="${best.f.severity}${current}" data-i="${best.i}">${piece}</mark>`;
    } else {
      html += piece;
    }
  }
  // A trailing newline needs a character after it to take up its line.
  $("highlights").innerHTML = html + "\n ";
  syncScroll();
}

function syncScroll() {
  $("backdrop").scrollTop = $("ad").scrollTop;
  $("backdrop").scrollLeft = $("ad").scrollLeft;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function renderFindings() {
  const list = $("findings");
  list.replaceChildren();
  $("empty").textContent = $("ad").value.trim() ? t("clean") : t("noFindings");
  $("empty").hidden = state.findings.length > 0;
  state.findings.forEach((f, i) => {
    const where = f.utf16
      ? el("button", { class: "show", type: "button", onclick: () => select(i), "aria-label": `${t("show")}: ${f.text}` },
          el("span", { class: "quote" }, f.text))
      : el("span", { class: "quote" }, t("wholeAd"));
    const buttons = el("div", { class: "buttons" });
    if (f.edit) {
      const insert = f.edit.kind === "insert";
      buttons.append(el("button", { type: "button", class: insert ? "insert" : "apply", onclick: () => applyEdit(i) },
        insert ? t("insert") : t("apply")));
    }
    if (f.utf16) buttons.append(el("button", { type: "button", class: "select", onclick: () => select(i) }, t("show")));
    const item = el("li", { class: `finding ${f.severity}`, "data-rule": f.rule, id: `finding-${i}` },
      el("div", { class: "head" },
        el("span", { class: `badge ${f.severity}` }, t("severity")[f.severity] || f.severity),
        where,
        f.section ? el("span", { class: "rule" }, `${t("section")}: ${t("sections")[f.section] || f.section}`) : null),
      el("p", { class: "message" }, f.message),
      el("details", {}, el("summary", {}, t("why")), el("p", { class: "why" }, f.why), el("p", { class: "rule" }, f.rule)),
      el("p", { class: "suggestion", "aria-label": t("suggestion") }, f.suggestion),
      buttons.childElementCount ? buttons : null);
    list.append(item);
  });
}

function select(i) {
  const f = state.findings[i];
  if (!f || !f.utf16) return;
  const ad = $("ad");
  state.current = i;
  renderHighlights();
  ad.focus();
  ad.setSelectionRange(f.utf16.start, f.utf16.end);
  // Scroll the selection into view: put the caret there first, then measure by the highlight.
  const mark = document.querySelector(`mark[data-i="${i}"]`);
  if (mark) {
    const top = mark.offsetTop - ad.clientHeight / 3;
    ad.scrollTop = Math.max(0, top);
    syncScroll();
  }
}

function applyEdit(i) {
  const f = state.findings[i];
  if (!f || !f.edit) return;
  const ad = $("ad");
  ad.focus();
  ad.setRangeText(f.edit.text, f.edit.utf16.start, f.edit.utf16.end, "end");
  setStatus(f.edit.kind === "insert" ? t("inserted") : t("applied"));
  check();
}

async function copyRevised() {
  try {
    const data = await post("/api/fix", request());
    const box = $("revised");
    box.value = data.revised;
    $("revised-box").open = true;
    try {
      await navigator.clipboard.writeText(data.revised);
      setStatus(t("copied"));
    } catch (_) {
      box.focus();
      box.select();
      const ok = document.execCommand && document.execCommand("copy");
      setStatus(ok ? t("copied") : t("copyFailed"));
    }
  } catch (e) {
    setStatus(t("failed") + e.message);
  }
}

function formatFor(name) {
  const ext = name.toLowerCase().split(".").pop();
  if (ext === "html" || ext === "htm") return "html";
  if (ext === "txt") return "text";
  return "markdown";
}

function openFile(event) {
  const file = event.target.files && event.target.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    $("ad").value = String(reader.result);
    $("format").value = formatFor(file.name);
    setStatus(t("loaded")(file.name));
    check();
  };
  reader.readAsText(file);
}

// "1 advarsel", "3 advarsler": the label after each count, singular or plural.
function countLabels() {
  for (const node of document.querySelectorAll(".count [data-i18n]")) {
    const forms = t(node.dataset.i18n);
    const n = Number(node.parentElement.querySelector(".n").textContent);
    if (Array.isArray(forms)) node.textContent = n === 1 ? forms[0] : forms[1];
  }
}

function translate() {
  document.documentElement.lang = state.ui === "nb" ? "nb" : "en";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const value = t(node.dataset.i18n);
    if (typeof value === "string") node.textContent = value;
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  countLabels();
  $("ui-lang").textContent = t("toggle");
  document.title = state.ui === "nb" ? "terskel – sjekk stillingsannonsen" : "terskel – check the job ad";
  renderFindings();
}

window.addEventListener("DOMContentLoaded", () => {
  const ad = $("ad");
  ad.addEventListener("input", () => { followEdit(); renderHighlights(); schedule(); });
  ad.addEventListener("scroll", syncScroll);
  $("lang").addEventListener("change", check);
  $("format").addEventListener("change", check);
  $("file").addEventListener("change", openFile);
  $("copy").addEventListener("click", copyRevised);
  $("ui-lang").addEventListener("click", () => { state.ui = state.ui === "nb" ? "en" : "nb"; translate(); });
  window.addEventListener("resize", syncScroll);
  // A draft can be handed over in the URL fragment (#text=…&lang=…&format=…), which the browser
  // never sends to any server.
  const given = new URLSearchParams(location.hash.slice(1));
  if (given.has("text")) ad.value = given.get("text");
  if (given.has("lang")) $("lang").value = given.get("lang");
  if (given.has("format")) $("format").value = given.get("format");
  if (given.get("ui") === "en") { state.ui = "en"; translate(); }
  if (ad.value.trim()) check();
});
