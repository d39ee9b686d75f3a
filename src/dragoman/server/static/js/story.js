// Story view: one happening as every source reported it. The head says what happened, where and
// when, which outlets reported it, when it was first seen and how many independent sources it has;
// below, each sentence that mentions it stands beside its outlet and date. A near-duplicate copy of
// an article (a wire story republished with small edits) is folded under the original's sentence
// rather than listed as another source; a sentence opens its document with the sentence highlighted.
// A link opens the story's thread: the other happenings and documents of the same affair (thread.js).

import { get } from "./api.js";
import { clickable, h, loading, plural, put } from "./dom.js";
import { codes, fail, header, open, place, ready, views } from "./panel.js";

const norm = (text) => (text || "").replace(/\s+/g, " ").trim().toLowerCase();

/**
 * Rows of the view: one per distinct sentence of an independent article (two events coded from one
 * sentence show once), each with the copies of it folded in. A copy's sentence goes under the same
 * sentence of its original, else under the original's first sentence, else (the original does not
 * mention the story) it stands as a row of its own, marked as a copy.
 */
export function rows(mentions) {
  const out = [];
  const byDocSentence = new Map();
  const firstOfDoc = new Map();
  for (const m of mentions.filter((x) => !x.copy_of)) {
    const key = m.doc_id + "\u001f" + norm(m.evidence);
    if (byDocSentence.has(key)) { byDocSentence.get(key).events.push(m.event_id); continue; }
    const row = { ...m, events: [m.event_id], copies: [] };
    byDocSentence.set(key, row);
    if (!firstOfDoc.has(m.doc_id)) firstOfDoc.set(m.doc_id, row);
    out.push(row);
  }
  const seenCopy = new Set();
  for (const m of mentions.filter((x) => x.copy_of)) {
    const key = m.doc_id + "\u001f" + norm(m.evidence);
    if (seenCopy.has(key)) continue;
    seenCopy.add(key);
    const home = byDocSentence.get(m.copy_of + "\u001f" + norm(m.evidence)) || firstOfDoc.get(m.copy_of);
    if (home) home.copies.push(m);
    else out.push({ ...m, events: [m.event_id], copies: [], orphanCopy: true });
  }
  return out;
}

function source(m) {
  return h("div", { class: "source" },
    h("span", { class: "outlet" }, m.outlet || hostOf(m.url) || "unknown outlet"),
    h("span", { class: "published" }, m.published || "undated"),
    m.date && m.date !== m.published ? h("span", { class: "muted event-date" }, "event " + m.date) : null);
}

function hostOf(url) {
  try { return url ? new URL(url).hostname.replace(/^www\./, "") : null; } catch { return null; }
}

function similarity(m) {
  return typeof m.similarity === "number" ? `${Math.round(100 * m.similarity)}% similar` : "near-duplicate";
}

function row(m, here) {
  const openDoc = (x) => () => views.document(x.doc_id, { eventId: x.event_id, evidence: x.evidence, back: here });
  const sentence = clickable(h("blockquote", { class: "sentence" }, m.evidence || ""), openDoc(m), "open the document at this sentence");
  const copies = m.copies.length ? h("details", { class: "copies" },
    h("summary", {}, `${plural(m.copies.length, "near-duplicate copy", "near-duplicate copies")} folded: `,
      [...new Set(m.copies.map((c) => c.outlet || hostOf(c.url) || "unknown outlet"))].join(", ")),
    h("ul", {}, m.copies.map((c) => clickable(h("li", { class: "copy" },
      h("span", { class: "outlet" }, c.outlet || hostOf(c.url) || "unknown outlet"), " · ", c.published || "undated",
      " · ", similarity(c), norm(c.evidence) !== norm(m.evidence) ? h("span", { class: "copy-text" }, c.evidence) : null),
    openDoc(c), "open this copy at its sentence")))) : null;
  const note = m.orphanCopy ? h("span", { class: "badge precision" }, `copy of ${m.copy_of_outlet || "another article"}, ${similarity(m)}`) : null;
  return h("li", { class: "story-mention", dataset: { docId: m.doc_id } }, sentence, h("div", {}, source(m), note), copies);
}

function facts(story) {
  const fact = (name, value) => [h("dt", {}, name), h("dd", { dataset: { fact: name.toLowerCase().replace(/\W+/g, "-") } }, value)];
  const copies = story.republished_by || [];
  return h("dl", { class: "story-facts" },
    fact("Outlets", (story.outlets || []).join(", ") || "unknown outlets"),
    copies.length ? fact("Republished by", copies.join(", ") + " (copies, not counted as sources)") : null,
    fact("First seen", story.first_seen || "unknown"),
    fact("Sources", `${plural(story.num_sources ?? 0, "independent source")} · ${plural(story.num_articles ?? 0, "article")} · ${plural(story.num_mentions ?? 0, "mention")}`));
}

/** Shows one story (by id) in the panel; opts.back: {label, open} to return to where it was opened. */
export async function openStory(storyId, opts = {}) {
  const body = open("Story", opts.back || null, { wide: true, bodyClass: "story-view" });
  body.dataset.storyId = storyId;
  loading(body);
  let story;
  try { story = await get("stories/" + encodeURIComponent(storyId)); } catch (err) { return fail(body, err); }
  const here = { label: "← story", open: () => openStory(storyId, opts) };
  const list = rows(story.mentions || []);
  const thread = story.thread_id ? clickable(h("p", { class: "story-thread" }, "Part of a thread: ",
    h("span", { class: "open-story" }, "the affair's other happenings and documents →")),
  () => views.thread(story.thread_id, { back: here }), "open the thread of this story") : null;
  put(body,
    header(story),
    h("div", { class: "story-what" }, codes(story), " ", place(story.location)),
    facts(story),
    thread,
    h("h3", {}, "What each source said"),
    h("div", { class: "story-columns muted", "aria-hidden": "true" }, h("span", {}, "sentence"), h("span", {}, "outlet · published")),
    h("ol", { class: "story-mentions" }, list.map((m) => row(m, here))),
    h("p", { class: "muted" }, "Click a sentence to read it in its document. Near-duplicate copies of an article are folded under it and not counted as sources."));
  ready();
  body.parentElement.scrollTop = 0;
}

views.story = openStory;
