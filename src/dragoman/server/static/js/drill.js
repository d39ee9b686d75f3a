// Drill-down: from a bar, point or edge to the stories behind it, and from a story's mention to
// its document with the evidence sentence highlighted. Document text is split into text nodes
// around the highlight; it is never parsed as HTML.

import { get } from "./api.js";
import { actorsText, clear, clickable, fmtNumber, h, loading, plural, put } from "./dom.js";

const panel = () => document.getElementById("drill");
let lastDrill = null;

function closeButton() {
  return clickable(h("span", { class: "close", title: "close" }, "×"), () => {
    panel().hidden = true;
    lastDrill = null;
  }, "close panel");
}

function place(loc) {
  if (!loc) return null;
  const precision = loc.feature === "city" || loc.feature === "site" ? loc.feature : `${loc.feature || "place"}-level`;
  return h("span", { class: "place" }, `${loc.name || loc.text || "?"}${loc.country ? ", " + loc.country : ""}`,
    h("span", { class: "badge precision" }, precision));
}

function codes(item) {
  const parts = [actorsText(item.actors)];
  if ((item.recipients || []).length) parts.push("→", actorsText(item.recipients));
  const third = (item.third_parties || []).length ? h("span", { class: "third" }, " with ", actorsText(item.third_parties)) : null;
  return h("span", { class: "codes" }, parts.join(" "), third);
}

function header(item) {
  const type = item.plover ? `${item.plover}${item.mode ? " (" + item.mode + ")" : ""}` : "no PLOVER type";
  return h("div", { class: "story-head" },
    h("span", { class: "date" }, item.date || item.published || "undated"),
    h("span", { class: `badge q${item.quad_class || 0}` }, type),
    item.cameo ? h("span", { class: "badge" }, "CAMEO " + item.cameo) : null,
    h("span", { class: `badge status-${item.status}` }, item.status || "?"),
    item.goldstein !== undefined && item.goldstein !== null ? h("span", { class: "muted" }, "Goldstein " + fmtNumber(item.goldstein)) : null);
}

function mentionRow(m) {
  const row = h("li", { class: "mention" },
    h("span", { class: "evidence" }, m.evidence || ""),
    h("span", { class: "muted source" }, [m.outlet, m.published].filter(Boolean).join(" · ") || m.doc_id));
  return clickable(row, () => openDocument(m.doc_id, { eventId: m.event_id, evidence: m.evidence, back: true }),
    "open the document at this sentence");
}

function storyCard(story) {
  const counts = `${plural(story.num_articles ?? 1, "article")}, ${plural(story.num_sources ?? 0, "source")}`;
  return h("li", { class: "story" },
    header(story),
    h("div", {}, codes(story), " ", place(story.location)),
    h("div", { class: "muted" }, counts, (story.outlets || []).length ? " — " + story.outlets.join(", ") : ""),
    h("ul", { class: "mentions" }, (story.mentions || []).map(mentionRow)));
}

/** Shows the stories in scope (params: API filters) under a title. */
export async function drill(title, params) {
  const aside = panel();
  lastDrill = { title, params };
  aside.hidden = false;
  aside.dataset.state = "loading";
  clear(aside).append(h("div", { class: "panel-head" }, h("h2", {}, title), closeButton()));
  const body = h("div", {});
  aside.append(body);
  loading(body);
  let res;
  try { res = await get("stories", { ...params, limit: 200 }); } catch (err) { return fail(body, err); }
  const { items, total } = res;
  put(body,
    h("p", { class: "muted" }, `${plural(total, "story", "stories")}${total > items.length ? ` (first ${items.length} shown)` : ""}. Click a sentence to read it in its document.`),
    h("ul", { class: "stories" }, items.map(storyCard)));
  aside.dataset.state = "ready";
  aside.scrollTop = 0;
}

function fail(body, err) {
  clear(body).append(h("p", { class: "error" }, String(err.message || err)));
  panel().dataset.state = "error";
}

function findSpan(doc, opts) {
  if (opts.start !== undefined && opts.end !== undefined) return [opts.start, opts.end];
  const ev = (doc.events || []).find((e) => e.id === opts.eventId);
  if (ev) return [ev.start, ev.end];
  const at = opts.evidence ? doc.text.indexOf(opts.evidence) : -1;
  return at >= 0 ? [at, at + opts.evidence.length] : null;
}

function renderText(container, text, span) {
  clear(container);
  if (!span) { container.append(text); return null; }
  const [start, end] = span;
  const mark = h("mark", { id: "evidence" }, text.slice(start, end));
  container.append(text.slice(0, start), mark, text.slice(end));
  return mark;
}

/** Shows a stored document with one span (an event's evidence or a quote) highlighted. */
export async function openDocument(docId, opts = {}) {
  const aside = panel();
  aside.hidden = false;
  aside.dataset.state = "loading";
  const back = opts.back && lastDrill ? clickable(h("span", { class: "back" }, "← stories"),
    () => drill(lastDrill.title, lastDrill.params), "back to the stories") : null;
  clear(aside).append(h("div", { class: "panel-head" }, back, h("h2", {}, "Document"), closeButton()));
  const body = h("div", { class: "document" });
  aside.append(body);
  loading(body);
  let doc;
  try { doc = await get("documents/" + encodeURIComponent(docId)); } catch (err) { return fail(body, err); }
  const textBox = h("div", { class: "doc-text", id: "doc-text" });
  const show = (span) => {
    const mark = renderText(textBox, doc.text, span);
    if (mark) mark.scrollIntoView({ block: "center" });
  };
  const meta = [doc.outlet, doc.published, "doc " + doc.doc_id].filter(Boolean).join(" · ");
  const evList = h("ol", { class: "doc-events" }, (doc.events || []).map((ev) => clickable(
    h("li", {}, header(ev), h("div", {}, codes(ev), " ", place(ev.location)), h("div", { class: "muted" }, `sentence ${ev.sentence}: “${ev.trigger || ""}”`)),
    () => show([ev.start, ev.end]), "highlight this event's sentence")));
  const qList = h("ol", { class: "doc-quotes" }, (doc.quotes || []).map((q) => clickable(
    h("li", {}, h("q", {}, q.text), " — ", (q.speaker && (q.speaker.name || q.speaker.text)) || "unknown speaker"),
    () => show([q.start, q.end]), "highlight this quote")));
  put(body,
    h("h3", { class: "doc-title" }, doc.title || doc.id),
    h("p", { class: "muted" }, meta),
    doc.url ? h("p", { class: "muted url" }, doc.url) : null,
    textBox,
    h("h4", {}, `Events (${(doc.events || []).length})`), evList,
    h("h4", {}, `Quotes (${(doc.quotes || []).length})`), qList);
  show(findSpan(doc, opts));
  aside.dataset.state = "ready";
}
