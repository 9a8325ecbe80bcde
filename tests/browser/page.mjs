// End-to-end test of the writers' page in Debian's headless Chromium, driven by playwright-core.
// Run by tests/cli/browser.rs: `node page.mjs URL`. Types an ad with known barriers, checks the
// highlights and suggestions, applies a replacement, inserts a paragraph, copies the revised
// ad, and prints {text, clipboard, revised} as JSON so the Rust side can compare the copy with
// `terskel fix`. Any failed expectation exits non-zero with a message.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const url = process.argv[2];
if (!url) {
  console.error("usage: node page.mjs URL");
  process.exit(2);
}
const origin = new URL(url).origin;

const AD = [
  "# Renholder – Bø skole",
  "",
  "## Kvalifikasjoner",
  "",
  "- Perfekt norsk.",
  "- Fagbrev i renholdsoperatørfaget er et krav.",
  "",
  "Vi er et ungt og dynamisk miljø.",
  "",
].join("\n");

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const profile = mkdtempSync(join(tmpdir(), "terskel-chromium-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = context.pages()[0] || (await context.newPage());
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(origin)) outside.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  await page.goto(url);
  // Keyboard access: the text area has a label and is reachable with Tab.
  expect(await page.locator("label[for=ad]").count() === 1, "the text area has no label");
  await page.locator("#ad").focus();
  await page.keyboard.type(AD);

  // Highlights by severity and suggestions in the side panel appear as the check comes back.
  const norsk = page.locator('.finding[data-rule="nb.language-level.vague-norwegian"]');
  await norsk.waitFor({ timeout: 15000 });
  await page.locator("mark.error").first().waitFor();
  const marks = await page.locator("#highlights mark").allTextContents();
  expect(marks.includes("Perfekt norsk"), `no highlight of «Perfekt norsk»: ${JSON.stringify(marks)}`);
  expect(marks.includes("ungt og dynamisk"), `no highlight of the age words: ${JSON.stringify(marks)}`);
  expect(await page.locator("mark.warning").count() >= 1, "no warning highlight");
  const suggestion = await norsk.locator(".suggestion").textContent();
  expect(suggestion.includes("B1"), `suggestion without a level: ${suggestion}`);
  expect(Number(await page.locator("#score").textContent()) > 0, "the score is 0");
  expect(Number(await page.locator("#n-error").textContent()) >= 1, "no error counted");

  // Clicking a finding selects its words.
  await norsk.locator("button.show").click();
  const selected = await page.evaluate(() => {
    const ad = document.getElementById("ad");
    return ad.value.slice(ad.selectionStart, ad.selectionEnd);
  });
  expect(selected === "Perfekt norsk", `selected ${JSON.stringify(selected)}`);

  // "apply" replaces the words with the rule's wording and the page checks again.
  await norsk.locator("button.apply").click();
  await page.waitForFunction(() => document.getElementById("ad").value.includes("- Norsk på B1-nivå."));
  await page.locator('.finding[data-rule="nb.language-level.vague-norwegian"]').waitFor({ state: "detached" });

  // "insert" adds the missing contact paragraph.
  const contact = page.locator('.finding[data-rule="nb.missing-contact.no-contact"]');
  await contact.locator("button.insert").click();
  await page.waitForFunction(() => document.getElementById("ad").value.includes("Har du spørsmål om stillingen?"));
  await contact.waitFor({ state: "detached" });

  // The English toggle translates the interface.
  await page.locator("#ui-lang").click();
  expect((await page.locator("#findings-title").textContent()) === "Findings", "no English interface");
  await page.locator("#ui-lang").click();

  // "copy revised ad" copies the fix result.
  await page.locator("#copy").click();
  await page.waitForFunction(() => document.getElementById("revised").value.length > 0);
  await page.waitForFunction(() => /kopiert/i.test(document.getElementById("status").textContent));
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  const text = await page.locator("#ad").inputValue();
  const revised = await page.locator("#revised").inputValue();

  // A phone-sized window still shows the text area and the findings, one above the other.
  await page.setViewportSize({ width: 390, height: 844 });
  const adBox = await page.locator("#ad").boundingBox();
  const listBox = await page.locator("#findings-title").boundingBox();
  expect(adBox && listBox && listBox.y > adBox.y && adBox.width <= 390, "no phone layout");

  expect(outside.length === 0, `requests outside the server: ${outside.join(", ")}`);
  expect(errors.length === 0, `script errors: ${errors.join("; ")}`);
  console.log(JSON.stringify({ text, clipboard, revised }));
} catch (e) {
  console.error(`browser test failed: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
