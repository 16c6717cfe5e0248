/** The streaming XML tokenizer: the same events however the text is cut into chunks. */
import { XmlError, XmlScanner, attribute, attributes, decodeEntities } from "../../../../src/cli/xlsx/xml";

type Event = [string, string, string?];

/** Events of `xml` fed in `chunk`-sized pieces; adjacent text events merged (their split is free). */
function events(xml: string, chunk = xml.length): Event[] {
  const out: Event[] = [];
  const s = new XmlScanner({
    open: (name, attrs, selfClosing) => out.push([selfClosing ? "empty" : "open", name, attrs.trim()]),
    close: (name) => out.push(["close", name]),
    text: (t) => {
      const last = out[out.length - 1];
      if (last && last[0] === "text") last[1] += t;
      else out.push(["text", t]);
    },
  });
  for (let i = 0; i < xml.length; i += chunk) s.write(xml.slice(i, i + chunk));
  s.end();
  return out;
}

const SAMPLE =
  '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "boom">]><x:row r="1" spans=\'1:2\'><!-- a > comment --><c r="A1" t="s" note="a>b"><v>1</v></c>' +
  '<c r="B1" t="inlineStr"><is><t>Tom &amp; Jerry &#233;&#x4E2D;</t></is></c><c r="C1"/><t><![CDATA[<raw & text>]]></t></x:row>';

const EXPECTED: Event[] = [
  ["text", "\n"],
  ["open", "row", `r="1" spans='1:2'`],
  ["open", "c", `r="A1" t="s" note="a>b"`],
  ["open", "v", ""],
  ["text", "1"],
  ["close", "v"],
  ["close", "c"],
  ["open", "c", 'r="B1" t="inlineStr"'],
  ["open", "is", ""],
  ["open", "t", ""],
  ["text", "Tom & Jerry é中"],
  ["close", "t"],
  ["close", "is"],
  ["close", "c"],
  ["empty", "c", 'r="C1"'],
  ["open", "t", ""],
  ["text", "<raw & text>"],
  ["close", "t"],
  ["close", "row"],
];

test("tags, attributes with > inside quotes, prefixes, entities, CDATA, comments, a DOCTYPE never expanded", () => {
  expect(events(SAMPLE)).toEqual(EXPECTED);
});

test("the same events whatever the chunk size, down to one character", () => {
  for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(events(SAMPLE, size)).toEqual(EXPECTED);
});

test("a part that ends inside a tag, or a tag holding <, is an XmlError", () => {
  expect(() => events("<row><c r=")).toThrow(XmlError);
  expect(() => events("<row <c>")).toThrow(XmlError);
  expect(() => decodeEntities("&bogus;")).toThrow(XmlError);
});

test("attributes and attribute: prefixes dropped, either quote, entities decoded; no match inside another name", () => {
  expect(attributes(` r:id="rId1" name='A &amp; B' xml:space="preserve"`)).toEqual({ id: "rId1", name: "A & B", space: "preserve" });
  expect(attribute(` spans="1:3" r="7"`, "r")).toBe("7");
  expect(attribute(` x14ac:r="9" s = '2'`, "r")).toBeUndefined();
  expect(attribute(` x14ac:r="9" s = '2'`, "s")).toBe("2");
});
