"""Reads a `geokg timeline` export back with the Python standard library, independently of geokg.

Usage: python3 read_timeline.py FORMAT FILE   (FORMAT: csv, json, jsonl, timelinejs, vis, ical, html)

Checks the format's rules, exits non-zero with a message on the first broken one, and otherwise
prints the events as a JSON list ({"id", ...} per event, in file order) for the Rust test to compare
across formats. For iCalendar, the PyPI `icalendar` package also parses the file when installed.
"""

import csv
import datetime
import html.parser
import json
import re
import sys
import xml.etree.ElementTree as ET

CSV_COLUMNS = [
    "event_id", "event_date", "date_precision", "date_earliest", "date_latest", "type", "agent",
    "agent_name", "target", "target_name", "status", "sources", "evidence", "source",
]
TYPES = {
    "ban", "restriction", "sanction", "arrest", "charge", "extradition", "risk_assessment",
    "investigation", "accusation", "denial", "lawsuit",
}
STATUSES = {"actual", "planned", "considered", "negated"}
DATE = re.compile(r"^(\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|<\d{4}-\d{2}-\d{2})$")


def fail(message):
    sys.exit(f"{sys.argv[1]}: {message}")


def check(condition, message):
    if not condition:
        fail(message)


def iso_or_empty(text, what):
    if text:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            fail(f"{what} {text!r} is not an ISO day")


def event_summary(record):
    """The fields every row format carries, with types and values checked."""
    check(record["type"] in TYPES, f"unknown type {record['type']!r}")
    check(record["status"] in STATUSES, f"unknown status {record['status']!r}")
    date = record["event_date"] or None
    check(date is None or DATE.match(date), f"bad event_date {date!r}")
    precision = {None: None, 4: "year", 7: "month", 10: "day", 11: "before"}[len(date) if date else None]
    check((record["date_precision"] or None) == precision, f"precision of {date!r}")
    iso_or_empty(record["date_earliest"] or "", "date_earliest")
    iso_or_empty(record["date_latest"] or "", "date_latest")
    check(int(record["sources"]) >= 1, "sources below 1")
    for field in ("event_id", "agent", "target", "evidence", "source"):
        check(record[field], f"empty {field}")
    return {
        "id": record["event_id"],
        "date": date,
        "earliest": record["date_earliest"] or None,
        "latest": record["date_latest"] or None,
        "type": record["type"],
        "agent": record["agent"],
        "target": record["target"],
        "status": record["status"],
    }


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        check(reader.fieldnames == CSV_COLUMNS, f"columns {reader.fieldnames}")
        return [event_summary(row) for row in reader]


def read_json(path):
    with open(path, encoding="utf-8") as file:
        records = json.load(file)
    check(isinstance(records, list), "not a JSON array")
    return [event_summary(r) for r in records]


def read_jsonl(path):
    with open(path, encoding="utf-8") as file:
        return [event_summary(json.loads(line)) for line in file if line.strip()]


def read_timelinejs(path):
    with open(path, encoding="utf-8") as file:
        timeline = json.load(file)
    check(isinstance(timeline.get("events"), list), "no events array")
    out = []
    for slide in timeline["events"]:
        start = slide["start_date"]
        check(isinstance(start["year"], int), "year is not a number")
        parts = [f"{start['year']:04}"]
        if "month" in start:
            parts.append(f"{start['month']:02}")
            if "day" in start:
                parts.append(f"{start['day']:02}")
        elif "day" in start:
            fail("a day without a month")
        check(slide["text"]["headline"] and "<script" not in slide["text"]["text"], "text")
        check(isinstance(slide["group"], str) and slide["group"], "no group")
        out.append({"id": slide["unique_id"], "start": "-".join(parts), "group": slide["group"],
                    "display_date": start.get("display_date")})
    return out


def read_vis(path):
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    groups = {g["id"]: g["content"] for g in data["groups"]}
    check(len(groups) == len(data["groups"]), "duplicate group ids")
    out = []
    for item in data["items"]:
        for key in ("id", "content", "start", "group", "title"):
            check(key in item, f"item without {key}")
        check(item["group"] in groups, f"item in unknown group {item['group']!r}")
        iso_or_empty(item["start"], "start")
        iso_or_empty(item.get("end", ""), "end")
        check(item.get("end", item["start"]) >= item["start"], "end before start")
        out.append({"id": item["id"], "start": item["start"], "end": item.get("end"),
                    "group": item["group"]})
    check(set(groups) == {i["group"] for i in out}, "groups without items")
    return out


def unescape_text(value, name):
    """RFC 5545 TEXT: only \\\\, \\;, \\, and \\n escapes; no bare ; or ,."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            check(i + 1 < len(value) and value[i + 1] in "\\;,nN", f"{name}: bad escape")
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
            continue
        check(c not in ";,", f"{name}: unescaped {c!r} in {value!r}")
        out.append(c)
        i += 1
    return "".join(out)


def read_ical(path):
    with open(path, "rb") as file:
        data = file.read()
    check(data.endswith(b"\r\n"), "does not end with CRLF")
    physical = data[:-2].split(b"\r\n")
    for number, line in enumerate(physical, 1):
        check(b"\n" not in line and b"\r" not in line, f"line {number}: bare LF or CR")
        check(len(line) <= 75, f"line {number}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(f"line {number}: folding split a UTF-8 character")
    logical = []
    for line in physical:
        text = line.decode("utf-8")
        if text[:1] in (" ", "\t"):
            check(logical, "continuation before any line")
            logical[-1] += text[1:]
        else:
            logical.append(text)
    line_pattern = re.compile(r"^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^;:]*)*):(.*)$")
    stack, events, calendar_props, current = [], [], [], None
    for text in logical:
        match = line_pattern.match(text)
        check(match, f"not a content line: {text!r}")
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                check(stack == ["VCALENDAR", "VEVENT"], "VEVENT outside VCALENDAR")
                current = {}
            continue
        if name == "END":
            check(stack and stack[-1] == value, f"END:{value} does not close {stack}")
            stack.pop()
            if value == "VEVENT":
                events.append(current)
                current = None
            continue
        check(stack, f"{name} outside any component")
        if current is None:
            calendar_props.append((name, value))
        else:
            check(name not in current, f"{name} twice in one VEVENT")
            current[name] = (params, value)
    check(not stack, f"unclosed {stack}")
    check(logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR", "not one VCALENDAR")
    names = [n for n, _ in calendar_props]
    check(names.count("PRODID") == 1 and ("VERSION", "2.0") in calendar_props, "PRODID/VERSION")
    out, uids = [], set()
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            check(required in event, f"VEVENT without {required}")
        uid = event["UID"][1]
        check(uid not in uids and uid.endswith("@geokg"), f"UID {uid!r}")
        uids.add(uid)
        check(re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1]), "DTSTAMP form")
        days = []
        for name in ("DTSTART", "DTEND"):
            params, value = event[name]
            check(params == ";VALUE=DATE", f"{name} is not VALUE=DATE")
            days.append(datetime.datetime.strptime(value, "%Y%m%d").date())
        check(days[0] < days[1], "DTEND not after DTSTART")
        summary = unescape_text(event["SUMMARY"][1], "SUMMARY")
        unescape_text(event.get("DESCRIPTION", ("", ""))[1], "DESCRIPTION")
        out.append({"id": uid.removesuffix("@geokg"), "start": days[0].isoformat(),
                    "end": days[1].isoformat(), "summary": summary})
    try:
        import icalendar  # optional: PyPI's parser, where installed
    except ImportError:
        return out
    parsed = icalendar.Calendar.from_ical(data)
    check(len(parsed.walk("VEVENT")) == len(out), "icalendar package counts other events")
    return out


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.external = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(value)


def read_html(path):
    with open(path, encoding="utf-8") as file:
        page = file.read()
    parser = PageParser()
    parser.feed(page)
    check("script" not in parser.tags, "the page has a script")
    check(not parser.external, f"the page loads {parser.external}")
    check(parser.tags.count("svg") >= 1, "no svg")
    start, end = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="timeline"'), page.index("</svg>\n</figure>")
    svg = ET.fromstring(page[start:end + len("</svg>")])
    ns = "{http://www.w3.org/2000/svg}"
    marks = [g for g in svg.iter(f"{ns}g") if g.get("class", "").startswith("event ")]
    rows = re.findall(r'<tr id="row-([^"]+)">', page)
    return [{"id": g.get("id").removeprefix("event-"), "table_rows": len(rows)} for g in marks]


def main():
    readers = {"csv": read_csv, "json": read_json, "jsonl": read_jsonl,
               "timelinejs": read_timelinejs, "vis": read_vis, "ical": read_ical, "html": read_html}
    if len(sys.argv) != 3 or sys.argv[1] not in readers:
        sys.exit(__doc__)
    json.dump(readers[sys.argv[1]](sys.argv[2]), sys.stdout)


main()
