// Cross-checks our deck codes with the reference implementation
// (@piltoverarchive/riftbound-deck-codes, pinned by package-lock.json):
//   1. every decklist we produced (random ones and the shared screenshots): the package
//      decodes our deck_code to exactly the card lists the decklist holds, and encodes those
//      lists to the same code; when the format cannot hold the deck, deck_code is null with
//      a warning. The expected lists are derived here, independently of our C++ code.
//   2. random decks encoded by the package: our decoder (deck-code-interop decode) reads
//      exactly the cards the package encoded, and our encoder (deck-code-interop encode)
//      writes the same code for them.
// Usage: node check.js --decklists random.jsonl --screens DIR --decoder BIN --seed N --count N
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { getCodeFromDeck, getDeckFromCode, SET_MAP, VARIANT_MAP } = require(
  "@piltoverarchive/riftbound-deck-codes");

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const seed = Number(args.seed);
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

// cards.csv card_number ("OGN·042a/298", "ARC-001/006") -> card code, or a reason it has none.
function cardCode(cardNumber) {
  const m = /^([A-Z0-9]+)[·-](\d+)([a-z*]?)\/\d+$/.exec(cardNumber || "");
  if (!m) return { why: `card number ${cardNumber} is not a card code` };
  if (!(m[1] in SET_MAP)) return { why: `set ${m[1]} is unknown to the format` };
  if (!(m[3] in VARIANT_MAP)) return { why: `variant ${m[3]} is unknown to the format` };
  return { code: `${m[1]}-${String(parseInt(m[2], 10)).padStart(3, "0")}${m[3]}` };
}

// What the code of a decklist must hold: legend + main deck + battlefields + runes as the
// main deck, side deck as sideboard, the first main-deck tile as champion when it is a
// Champion Unit; or why there can be no code.
function expectedDeck(decklist) {
  const s = decklist;
  const why = [];
  const merge = (tiles) => {
    const counts = new Map();
    for (const t of tiles) {
      if (t.match_type === "none") { why.push(`unmatched tile ${t.ocr_text}`); continue; }
      const c = cardCode(t.card_number);
      if (!c.code) { why.push(c.why); continue; }
      counts.set(c.code, (counts.get(c.code) || 0) + t.quantity);
    }
    return [...counts].map(([cardCode, count]) => ({ cardCode, count }));
  };
  const main = merge([...s.legend, ...s.main_deck, ...s.battlefields, ...s.runes]);
  const side = merge(s.side_deck);
  // Tiles that matched no card are listed apart from the sections; the code cannot hold them.
  for (const tiles of Object.values(s.unmatched || {}))
    for (const t of tiles) why.push(`unmatched tile ${t.ocr_text}`);
  if (main.length + side.length === 0 && why.length === 0) why.push("no cards");
  for (const e of main) if (e.count > 12) why.push(`${e.cardCode} x${e.count} in main`);
  for (const e of side) if (e.count > 3) why.push(`${e.cardCode} x${e.count} in side`);
  const first = s.main_deck[0];
  const champion = first && first.match_type !== "none" && first.type_en === "Champion Unit"
    ? cardCode(first.card_number).code : undefined;
  return { main, side, champion, why };
}

const key = (deck) => deck.map((e) => `${e.count}x${e.cardCode}`).sort().join(" ");

function checkDecklist(where, decklist, tally) {
  const expected = expectedDeck(decklist);
  const code = decklist.deck_code;
  if (expected.why.length) {
    if (code !== null) return fail(where, `code ${code} although ${expected.why.join("; ")}`);
    if (!decklist.warnings.some((w) => w.startsWith("deck_code is null")))
      return fail(where, "deck_code is null without a warning saying why");
    tally.nulls++;
    return;
  }
  if (typeof code !== "string") return fail(where, `no code: ${decklist.warnings.join("; ")}`);
  let decoded;
  try {
    decoded = getDeckFromCode(code, { signedSuffix: "*" });
  } catch (e) {
    return fail(where, `package cannot decode ${code}: ${e.message}`);
  }
  if (key(decoded.mainDeck) !== key(expected.main))
    return fail(where, `main deck differs:\n  package ${key(decoded.mainDeck)}\n  ours    ${key(expected.main)}`);
  if (key(decoded.sideboard) !== key(expected.side))
    return fail(where, `side deck differs:\n  package ${key(decoded.sideboard)}\n  ours    ${key(expected.side)}`);
  if (decoded.chosenChampion !== expected.champion)
    return fail(where, `champion ${decoded.chosenChampion} != ${expected.champion}`);
  const theirs = getCodeFromDeck(expected.main, expected.side, expected.champion);
  if (theirs !== code) return fail(where, `package encodes ${theirs}, we wrote ${code}`);
  tally.encoded++;
}

// Seeded PRNG (mulberry32), so a failure can be replayed with the printed seed.
function prng(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Decks written by the package, over every set, variant (signed spelled 's' or '*') and
// count it can hold, for our decoder to read.
function packageDecks(count) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const sets = Object.keys(SET_MAP);
  const variants = ["", "a", "b", "s", "*"];
  const card = () => `${sets[int(0, sets.length - 1)]}-${String(int(0, 1200)).padStart(3, "0")}${variants[int(0, 4)]}`;
  const section = (n, max) => {
    const seen = new Map();
    while (seen.size < n) {
      const c = card();
      const canonical = c.replace(/\*$/, "s");
      if (![...seen.keys()].some((k) => k.replace(/\*$/, "s") === canonical)) seen.set(c, int(1, max));
    }
    return [...seen].map(([cardCode, count]) => ({ cardCode, count }));
  };
  const decks = [];
  for (let i = 0; i < count; i++) {
    const main = section(int(0, 30), 12);
    const side = section(int(0, 8), 3);
    const champion = main.length && rand() < 0.6 ? main[int(0, main.length - 1)].cardCode : undefined;
    decks.push({ main, side, champion, code: getCodeFromDeck(main, side, champion) });
  }
  return decks;
}

const star = (code) => code && code.replace(/s$/, "*");
const starDeck = (deck) => deck.map((e) => ({ cardCode: star(e.cardCode), count: e.count }));

function checkOurDecoder(decks, tally) {
  const run = spawnSync(args.decoder, ["decode"], {
    input: decks.map((d) => d.code).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) return fail("decoder", `exit ${run.status}: ${run.stderr}`);
  const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
  if (lines.length !== decks.length) return fail("decoder", `${lines.length} answers for ${decks.length} codes`);
  decks.forEach((deck, i) => {
    const ours = lines[i];
    const where = `package deck ${i} (${deck.code})`;
    if (!ours.ok) return fail(where, `our decoder refused it: ${ours.error}`);
    if (key(ours.main) !== key(starDeck(deck.main))) return fail(where, `main: ours ${key(ours.main)}`);
    if (key(ours.side) !== key(starDeck(deck.side))) return fail(where, `side: ours ${key(ours.side)}`);
    if ((ours.champion || undefined) !== star(deck.champion)) return fail(where, `champion: ours ${ours.champion}`);
    tally.decoded++;
  });
  const encoded = spawnSync(args.decoder, ["encode"], {
    input: decks.map((d) => JSON.stringify(d)).join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 28 });
  if (encoded.status !== 0) return fail("encoder", `exit ${encoded.status}: ${encoded.stderr}`);
  encoded.stdout.trim().split("\n").forEach((ours, i) => {
    // The package writes a separate list for each spelling of signed ('s', '*') when a deck
    // mixes them; with one spelling its code is the canonical one we must match.
    const d = decks[i];
    const theirs = getCodeFromDeck(starDeck(d.main), starDeck(d.side), star(d.champion));
    if (ours !== theirs) return fail(`package deck ${i}`, `package wrote ${theirs}, we wrote ${ours}`);
    tally.reencoded++;
  });
}

const tally = { encoded: 0, nulls: 0, decoded: 0, reencoded: 0, screenshots: 0, screenshotCodes: 0 };
const random = fs.readFileSync(args.decklists, "utf8").trim().split("\n").filter(Boolean);
random.forEach((line, i) => checkDecklist(`random decklist ${i}`, JSON.parse(line), tally));
const randomEncoded = tally.encoded;
for (const file of fs.readdirSync(args.screens).filter((f) => f.endsWith(".json")).sort()) {
  const decklist = JSON.parse(fs.readFileSync(path.join(args.screens, file), "utf8"));
  const before = tally.encoded;
  checkDecklist(`screenshot ${file}`, decklist, tally);
  tally.screenshots++;
  if (tally.encoded > before) tally.screenshotCodes++;
  console.log(`  ${file}: ${decklist.deck_code === null ? "deck_code null (" + decklist.warnings.filter((w) => w.startsWith("deck_code")).join("; ") + ")" : decklist.deck_code}`);
}
const minimum = Number(args.count) >= 200 ? 200 : 1;
if (randomEncoded < minimum) fail("random decklists", `only ${randomEncoded} had a code (need ${minimum})`);
checkOurDecoder(packageDecks(Number(args.count)), tally);

for (const f of failures.slice(0, 20)) console.log(`FAIL ${f}`);
if (failures.length > 20) console.log(`... and ${failures.length - 20} more failures`);
console.log(
  `interop: ${failures.length ? "FAILED" : "passed"} (seed ${seed}): ` +
  `${random.length} random decklists (${randomEncoded} codes decoded identically by the package, ` +
  `${tally.nulls} null as expected), ${tally.screenshots} screenshots (${tally.screenshotCodes} with a code), ` +
  `${tally.decoded} package codes read identically by our decoder (${tally.reencoded} re-encoded identically), ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
