#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, generated from the real VLMEvalKit logs (never copied into the repo).

    python3 fuzz/make_seeds.py OUT_DIR [REAL_LOGS_DIR]

REAL_LOGS_DIR defaults to ../shared/real-logs beside the checkout. For every target it writes small, valid inputs
into OUT_DIR/<target>/ built from the logs' own bytes: the first rows of each xlsx sheet (as sheet XML, as a
re-packed small xlsx with only the shared strings those rows use, as TSV, CSV and JSON records), the workbook and
relationship parts, the aggregate CSVs, .npy arrays and .safetensors files of the logs' numeric columns, and a
pricing.yaml over the logs' model names (prices from the preset's Table 1 rows, in order). When the logs are absent
a handful of inputs written here keep `make fuzz` runnable (the script says so). Standard library only.
"""
import csv
import io
import json
import os
import re
import struct
import sys
import zipfile

ROWS = 6  # data rows per seed: enough structure, small enough for fast executions
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sheet_rows(sheet: bytes, strings: list, limit: int):
    """(cells of the first `limit` + 1 rows as text, the raw XML of those rows, shared-string indices used)."""
    rows, raws, used = [], [], []
    for m in re.finditer(rb"<row[ >].*?</row>", sheet, re.S):
        raw = m.group(0)
        cells = []
        for c in re.finditer(rb'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', raw, re.S):
            attrs, body = c.group(2), c.group(3) or b""
            v = re.search(rb"<v>(.*?)</v>", body, re.S)
            if b't="s"' in attrs and v:
                i = int(v.group(1))
                used.append(i)
                text = strings[i]
            elif b't="inlineStr"' in attrs:
                text = "".join(x.decode() for x in re.findall(rb"<t[^>]*>(.*?)</t>", body, re.S))
            else:
                text = v.group(1).decode() if v else ""
            col = 0
            for ch in c.group(1).decode():
                col = col * 26 + ord(ch) - 64
            while len(cells) < col - 1:
                cells.append("")
            cells.append(unescape(text))
        rows.append(cells)
        raws.append(raw)
        if len(rows) > limit:
            break
    return rows, raws, used


def unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")


def shared_strings(xml: bytes):
    """(raw <si> items, their plain text)."""
    items = re.findall(rb"<si>.*?</si>", xml, re.S)
    texts = ["".join(t.decode() for t in re.findall(rb"<t[^>]*>(.*?)</t>", si, re.S)) for si in items]
    return items, texts


def npy(dtype: str, shape: tuple, payload: bytes) -> bytes:
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        dtype, ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else ""))
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + payload


def safetensors(tensors: dict, metadata: dict) -> bytes:
    header, data = {"__metadata__": metadata}, b""
    for name, (dtype, shape, payload) in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [len(data), len(data) + len(payload)]}
        data += payload
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


def f16(x: float) -> bytes:
    return struct.pack("<e", x)


def numbers(rows):
    """Numeric cells of the data rows, column by column (hit, index, scores …)."""
    out = []
    header = rows[0]
    for j in range(len(header)):
        col = []
        for r in rows[1:]:
            try:
                col.append(float(r[j]) if j < len(r) else None)
            except ValueError:
                col = None
                break
        if col and all(v is not None for v in col):
            out.append((header[j], col))
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    logs = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(ROOT), "shared", "real-logs")
    seeds = {}

    def add(target, name, data: bytes):
        seeds.setdefault(target, {})[name] = data

    xlsx_files, csv_files = [], []
    for d, _, files in os.walk(logs):
        for f in sorted(files):
            (xlsx_files if f.endswith(".xlsx") else csv_files if f.endswith(".csv") else []).append(os.path.join(d, f))
    xlsx_files.sort()
    csv_files.sort()
    models = []
    for path in xlsx_files:
        stem = os.path.basename(path)[:-5]
        model = os.path.basename(os.path.dirname(os.path.dirname(path)))
        if model not in models:
            models.append(model)
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            sheet = z.read("xl/worksheets/sheet1.xml")
            sst = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b""
            items, texts = shared_strings(sst)
            rows, raws, used = sheet_rows(sheet, texts, ROWS)
            head = sheet[: sheet.index(b"<sheetData>") + len(b"<sheetData>")]
            tail = b"</sheetData></worksheet>"
            small_sheet = head + b"".join(raws) + tail
            # Shared strings renumbered to the ones these rows use, in first-use order.
            order = list(dict.fromkeys(used))
            remap = {old: new for new, old in enumerate(order)}

            def renumber(m):
                return b"<v>%d</v>" % remap[int(m.group(1))]

            packed_rows = [re.sub(rb'(?<=t="s">)<v>(\d+)</v>', renumber, raw) for raw in raws]
            packed_sheet = head + b"".join(packed_rows) + tail
            small_sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
                         b'uniqueCount="%d">' % (len(order), len(order)) + b"".join(items[i] for i in order) + b"</sst>")
            # The sheet parser gets the first rows as written (shared-string indices up to a few thousand, which the
            # target's 4,096 strings resolve) and renumbered to the small table the re-packed archive holds.
            add("fuzz-xlsx-sheet", stem + ".xml", b"\x00" + small_sheet)
            add("fuzz-xlsx-sheet", stem + ".w7.xml", b"\x07" + packed_sheet)
            add("fuzz-xlsx-strings", stem + ".xml", b"\x00" + small_sst)
            add("fuzz-xlsx-strings", stem + ".w13.xml", b"\x0d" + small_sst)
            for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels", "[Content_Types].xml"):
                if part in names:
                    add("fuzz-xlsx-workbook", os.path.basename(part), z.read(part))
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as w:
                for info in z.infolist():
                    if info.filename == "xl/worksheets/sheet1.xml":
                        w.writestr(info.filename, packed_sheet)
                    elif info.filename == "xl/sharedStrings.xml":
                        w.writestr(info.filename, small_sst)
                    elif info.filename.startswith(("docProps/", "xl/theme/")):
                        continue  # never read by the importer
                    else:
                        w.writestr(info.filename, z.read(info.filename))
            add("fuzz-xlsx-archive", stem + ".xlsx", buf.getvalue())
        width = len(rows[0])
        table = [r + [""] * (width - len(r)) for r in rows]
        for delim, flag, ext in (("\t", b"\x00", "tsv"), (",", b"\x01", "csv")):
            s = io.StringIO()
            csv.writer(s, delimiter=delim, lineterminator="\n").writerows(table)
            add("fuzz-delimited", f"{stem}.{ext}", flag + s.getvalue().encode())
        add("fuzz-json", stem + ".json", json.dumps([dict(zip(table[0], r)) for r in table[1:]],
                                                    ensure_ascii=False).encode())
        for name, col in numbers(table)[:2]:
            n = len(col)
            add("fuzz-npy", f"{stem}.{name}.f4.npy", npy("<f4", (n,), struct.pack(f"<{n}f", *col)))
            add("fuzz-npy", f"{stem}.{name}.f8.npy", npy("<f8", (n, 1), struct.pack(f"<{n}d", *col)))
            add("fuzz-npy", f"{stem}.{name}.i8.npy", npy("<i8", (1, n), struct.pack(f"<{n}q", *map(int, col))))
            add("fuzz-safetensors", f"{stem}.{name}.safetensors", safetensors({
                name: ("F32", (n,), struct.pack(f"<{n}f", *col)),
                name + ".half": ("F16", (n, 1), b"".join(f16(v) for v in col)),
                name + ".i64": ("I64", (1, n), struct.pack(f"<{n}q", *map(int, col))),
            }, {"source": stem}))
    for path in csv_files:
        with open(path, "rb") as f:
            add("fuzz-delimited", os.path.basename(path), b"\x01" + f.read())
    if models:
        prices = []
        with open(os.path.join(ROOT, "Sources", "VLRouterBenchPreset", "Resources", "models.csv")) as f:
            for r in csv.DictReader(f):
                prices.append((r["input_usd_per_1m"], r["output_usd_per_1m"]))
        lines = ['version: "real-logs"', 'date: "2025-04-26"', "models:"]
        for i, m in enumerate(models):
            pin, pout = prices[i % len(prices)]
            lines.append(f"  {m}: {{input: {pin}, output: {pout}}}")
        add("fuzz-pricing", "pricing.yaml", ("\n".join(lines) + "\n").encode())
        block = ["models:"] + [f"  {m}:\n    input: {prices[i % len(prices)][0]}\n    output: {prices[i % len(prices)][1]}"
                               for i, m in enumerate(models)]
        add("fuzz-pricing", "pricing-block.yaml", ("\n".join(block) + "\n").encode())
    else:
        print(f"make_seeds: no real logs under {logs}; writing minimal seeds only", file=sys.stderr)
    # Minimal inputs for every target, so each corpus is non-empty without the logs.
    add("fuzz-xlsx-sheet", "minimal.xml", b'\x00<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
        b'<c r="B1" t="inlineStr"><is><t>q</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
        b"</sheetData></worksheet>")
    add("fuzz-xlsx-strings", "minimal.xml", b"\x00<sst><si><t>index</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>")
    add("fuzz-xlsx-workbook", "minimal.xml", b'<workbook><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
        b"</sheets></workbook>")
    add("fuzz-delimited", "minimal.tsv", b'\x00index\tprediction\n1\t"a\tb"\n')
    add("fuzz-json", "minimal.json", b'[{"index": 1, "prediction": "A", "hit": true}]')
    add("fuzz-pricing", "minimal.yaml", b"models:\n  M: {input: 1.0, output: 2.0}\n")
    add("fuzz-npy", "minimal.npy", npy("<f4", (2, 2), struct.pack("<4f", 1, 0, 0, 1)))
    add("fuzz-safetensors", "minimal.safetensors", safetensors({"w": ("F32", (2,), struct.pack("<2f", 1, 0))}, {}))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as w:
        w.writestr("xl/workbook.xml", b'<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
                   b"</sheets></workbook>")
        w.writestr("xl/_rels/workbook.xml.rels", b'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"'
                   b' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
                   b"</Relationships>")
        w.writestr("xl/worksheets/sheet1.xml", seeds["fuzz-xlsx-sheet"]["minimal.xml"][1:])
        w.writestr("xl/sharedStrings.xml", seeds["fuzz-xlsx-strings"]["minimal.xml"][1:])
    add("fuzz-xlsx-archive", "minimal.xlsx", buf.getvalue())

    for target, files in sorted(seeds.items()):
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        print(f"{target}: {len(files)} seeds, largest {max(len(v) for v in files.values())} bytes")


if __name__ == "__main__":
    main()
