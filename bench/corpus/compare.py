#!/usr/bin/env python3
"""Compare what bench/corpus (the project's reader) read with what LibreOffice shows.

Plain standard library only. Used by bench/corpus.sh; three modes:

  compare.py sheet FILE [SHEET]   print the 1-based index (in workbook order, hidden
                                  sheets included, as LibreOffice counts) of SHEET, or of
                                  the first visible sheet: the one the reader reads
  compare.py csvinfo FILE         print "SEP CHARSET NCOLS" for LibreOffice's CSV import
                                  options (SEP/CHARSET as LibreOffice codes)
  compare.py report JOBS [TSV]    read the jobs file (TSV: corpus, file, tool status,
                                  tool CSV, tool message, LO status, LO CSV) and print the
                                  report; with TSV, write every mismatch there too

Rows are aligned by spreadsheet row number: record N of LibreOffice's CSV is sheet row N;
the tool's rows carry Row.Num. Cells are compared by column, within the tool's header
width (the reader cuts cells beyond it, by contract).
"""

import csv
import datetime as dt
import io
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter, defaultdict

csv.field_size_limit(1 << 30)

CLASSES = [
    "date normalised", "date", "time-only", "number-format", "formula-error", "merged",
    "header-row", "hidden", "encoding", "whitespace/newline", "boolean", "missing-row",
    "extra-row", "other",
]


# ---------------------------------------------------------------- XLSX metadata

def local(tag):
    return tag.rsplit("}", 1)[-1]


def attr(el, name):
    """Attribute by local name (r:id comes in two namespaces: transitional and strict)."""
    for k, v in el.attrib.items():
        if local(k) == name:
            return v
    return None


def resolve(base_dir, target):
    if target.startswith("/"):
        return target[1:]
    parts = (base_dir + "/" + target).split("/") if base_dir else target.split("/")
    out = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def zread(z, name):
    """A part by name, case-insensitively and with "\\" as "/" (some writers use it)."""
    return z.read(names_ci(z).get(name.lower(), name))


def rels(z, part):
    d, b = os.path.split(part)
    rp = (d + "/" if d else "") + "_rels/" + b + ".rels"
    try:
        root = ET.fromstring(zread(z, rp))
    except (KeyError, ET.ParseError):
        return {}
    return {r.get("Id"): resolve(d, r.get("Target", "")) for r in root if local(r.tag) == "Relationship"}


def names_ci(z):
    return {n.replace("\\", "/").lower(): n for n in z.namelist()}


def workbook_part(z):
    root_rels = rels(z, "")
    return next((t for t in root_rels.values() if t.lower().endswith(".xml") and "workbook" in t.lower()), "xl/workbook.xml")


def sheets_of(z):
    """[(name, state, part path)] in workbook order."""
    wb = workbook_part(z)
    nm = names_ci(z)
    root = ET.fromstring(zread(z, wb))
    wrels = rels(z, wb)
    out = []
    for el in root.iter():
        if local(el.tag) == "sheet":
            part = wrels.get(attr(el, "id"), "")
            out.append((el.get("name", ""), el.get("state", "visible"), nm.get(part.lower(), part)))
    return out


def choose_sheet(path, want=""):
    """(1-based index, name, part) of the sheet the reader reads, or None."""
    with zipfile.ZipFile(path) as z:
        sheets = sheets_of(z)
    for i, (name, state, part) in enumerate(sheets, 1):
        if want:
            if name == want:
                return i, name, part
        elif state not in ("hidden", "veryHidden"):
            return i, name, part
    return None


CELLREF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def col_index(letters):
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def parse_ref(ref):
    m = CELLREF.match(ref or "")
    if not m:
        return None
    return int(m.group(2)), col_index(m.group(1))


class SheetMeta:
    def __init__(self):
        self.hidden_rows = set()
        self.hidden_cols = []  # (min0, max0)
        self.merged = []  # (r1, c1, r2, c2)
        self.formula = set()
        self.error = set()
        self.boolean = set()
        self.kind = {}  # (row, col0) -> "date", "time" or "duration": the cell's number format
        self.first_hidden = False  # the first sheet is hidden: LibreOffice's default would differ

    def in_merge(self, r, c):
        for r1, c1, r2, c2 in self.merged:
            if r1 <= r <= r2 and c1 <= c <= c2:
                return (r, c) != (r1, c1)
        return False

    def col_hidden(self, c):
        return any(a <= c <= b for a, b in self.hidden_cols)


BUILTIN_KIND = {14: "date", 15: "date", 16: "date", 17: "date", 18: "time", 19: "time", 20: "time",
                21: "time", 22: "date", 45: "time", 46: "duration", 47: "time"}
BUILTIN_KIND.update({i: "date" for i in list(range(27, 37)) + list(range(50, 59))})


def format_kind(code):
    """"date", "time", "duration" or None for a number format code."""
    if not code:
        return None
    sec = code.split(";", 1)[0]
    sec = re.sub(r'"[^"]*"|\\.|_.|\*.', "", sec)
    duration = bool(re.search(r"\[(h+|m+|s+)\]", sec, re.I))
    sec = re.sub(r"\[[^\]]*\]", "", sec).lower()
    if sec.strip() in ("general", "@", ""):
        return "duration" if duration else None
    sec = re.sub(r"e[+-]", "", sec.replace("am/pm", "").replace("a/p", ""))
    if re.search(r"[ydeg]|b[12]", sec):
        return "date"
    if duration:
        return "duration"
    if re.search(r"[hs]", sec):
        return "time"
    if "m" in sec:
        return "date"
    return None


def style_kinds(z, wb_rels):
    """Style index -> date/time kind, from the styles part (xl/styles.xml, or where the
    workbook's relationships put it)."""
    nm = names_ci(z)
    part = next((t for rid, t in wb_rels.items() if t.lower().endswith("styles.xml")), "xl/styles.xml")
    if part.lower() not in nm:
        return {}
    root = ET.fromstring(zread(z, part))
    codes = {}
    xfs = []
    for el in root.iter():
        t = local(el.tag)
        if t == "numFmt":
            try:
                codes[int(el.get("numFmtId"))] = el.get("formatCode", "")
            except (TypeError, ValueError):
                pass
    for el in root:
        if local(el.tag) == "cellXfs":
            for xf in el:
                try:
                    xfs.append(int(xf.get("numFmtId", "0")))
                except ValueError:
                    xfs.append(0)
    out = {}
    for i, fid in enumerate(xfs):
        k = format_kind(codes[fid]) if fid in codes else BUILTIN_KIND.get(fid)
        if k:
            out[i] = k
    return out


def sheet_meta(path, want=""):
    meta = SheetMeta()
    try:
        with zipfile.ZipFile(path) as z:
            sheets = sheets_of(z)
            if sheets and sheets[0][1] in ("hidden", "veryHidden") and not want:
                meta.first_hidden = True
            ch = choose_sheet(path, want)
            if not ch:
                return meta
            try:
                kinds = style_kinds(z, rels(z, workbook_part(z)))
            except Exception:
                kinds = {}
            with z.open(ch[2]) as f:
                row = 0
                for _, el in ET.iterparse(f):
                    t = local(el.tag)
                    if t == "c":
                        p = parse_ref(el.get("r"))
                        if p:
                            row = p[0]
                            try:
                                k = kinds.get(int(el.get("s", "0")))
                            except ValueError:
                                k = None
                            if k and el.get("t") in (None, "n", "d"):
                                meta.kind[p] = k
                            if el.get("t") == "e":
                                meta.error.add(p)
                            elif el.get("t") == "b":
                                meta.boolean.add(p)
                            if any(local(ch.tag) == "f" for ch in el):
                                meta.formula.add(p)
                        el.clear()
                    elif t == "row":
                        if el.get("hidden") in ("1", "true"):
                            try:
                                meta.hidden_rows.add(int(el.get("r")))
                            except (TypeError, ValueError):
                                pass
                        el.clear()
                    elif t == "col" and el.get("hidden") in ("1", "true"):
                        try:
                            meta.hidden_cols.append((int(el.get("min")) - 1, int(el.get("max")) - 1))
                        except (TypeError, ValueError):
                            pass
                    elif t == "mergeCell":
                        ref = (el.get("ref") or "").split(":")
                        if len(ref) == 2:
                            a, b = parse_ref(ref[0]), parse_ref(ref[1])
                            if a and b:
                                meta.merged.append((a[0], a[1], b[0], b[1]))
    except Exception:  # a damaged workbook: compare without metadata
        pass
    return meta


# ---------------------------------------------------------------- CSV import options

def csvinfo(path):
    with open(path, "rb") as f:
        raw = f.read()
    charset = 76  # UTF-8
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        charset = 65535  # Unicode (UTF-16, by BOM)
        text = raw.decode("utf-16", "replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            charset = 1  # Windows-1252
            text = raw.decode("cp1252", "replace")
    sep = ","
    sample = text[:64 * 1024]
    try:
        sep = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sample.split("\n", 1)[0].count(d) for d in ",;\t|"}
        best = max(counts, key=counts.get)
        if counts[best]:
            sep = best
    ncols = 1
    try:
        for rec in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            ncols = max(ncols, len(rec))
    except csv.Error:
        ncols = 256
    return ord(sep), charset, min(ncols, 1024)


# ---------------------------------------------------------------- classification

ERR = re.compile(r"^(#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|CONNECT!|BUSY!)|Err:\d{3}|#NV|#WERT!|#BEZUG!|#ZAHL!)$", re.I)
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
TIME_ONLY = re.compile(r"^\[?-?\d{1,3}\]?:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp]\.?[Mm]\.?)?$|^\d{1,2}(:\d{2})?\s*[AaPp]\.?[Mm]\.?$")
BOOLS = {"true", "false", "verdadero", "falso", "wahr", "falsch", "vrai", "faux", "истина", "ложь", "1", "0"}
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|\ufffd|Ð[\u0080-\u00bf]")

DATE_FORMATS = [
    "%m/%d/%y", "%m/%d/%Y", "%d/%m/%y", "%d/%m/%Y", "%Y-%m-%d", "%Y/%m/%d", "%d-%b-%y", "%d-%b-%Y",
    "%d-%b", "%b-%y", "%b-%Y", "%b %d", "%d.%m.%Y", "%d.%m.%y", "%B %d, %Y", "%b %d, %Y",
    "%A, %B %d, %Y", "%a, %b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%m/%d", "%m-%d-%y",
    "%m-%d-%Y", "%d-%m-%Y", "%Y", "%B-%y", "%B %d", "%d %B", "%A", "%y-%m-%d", "%Y%m%d",
    "%B", "%b", "%b %Y", "%d/%b/%Y", "%d-%B-%Y", "%d.%m", "%Y-%m", "%m.%d.%Y", "%m/%Y", "%m/%y",
]
# Parts of a date, as some formats show it ("yy", "dd", "ddd"): tried only when the tool
# read the cell as a date.
PARTIAL_FORMATS = ["%y", "%d", "%a", "%A", "%y%m", "%y%b", "%y%B", "%m%d", "%Y%m"]
TIME_FORMATS = ["", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %H:%M:%S.%f", " %I:%M%p", " %I:%M:%S%p"]


def parse_shown_date(s, partial=False):
    """Every (datetime, fields present) reading of a date as LibreOffice shows it."""
    s = " ".join(s.replace("\u00a0", " ").split())
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"\b([AaPp])\.?([Mm])\.?$", lambda m: m.group(1).upper() + "M", s)
    out = []
    for df in DATE_FORMATS + (PARTIAL_FORMATS if partial else []):
        for tf in TIME_FORMATS:
            fmt = df + tf
            try:
                d = dt.datetime.strptime(s, fmt)
            except ValueError:
                continue
            fields = set()
            wday = None
            if "%a" in fmt or "%A" in fmt:
                wday = time.strptime(s, fmt).tm_wday
            if "%Y" in fmt:
                fields.add("Y")
            if "%y" in fmt:
                fields.add("y")
            if "%m" in fmt or "%b" in fmt or "%B" in fmt:
                fields.add("m")
            if "%d" in fmt:
                fields.add("d")
            if "%H" in fmt or "%I" in fmt:
                fields.update("HM")
            if "%S" in fmt:
                fields.add("S")
            out.append((d, fields, wday))
    return out


def iso_parts(s):
    m = ISO.match(s)
    if not m:
        return None
    g = [int(x) if x else None for x in m.groups()]
    return g  # Y, m, d, H, M, S


def same_instant(iso, shown, shift=0):
    """Whether shown (as LibreOffice shows a date, maybe only some of its parts) is the
    instant iso, shifted by shift days."""
    g = iso_parts(iso)
    if shift:
        try:
            d0 = dt.datetime(g[0], g[1], g[2]) + dt.timedelta(days=shift)
        except ValueError:
            return False
        g = [d0.year, d0.month, d0.day] + g[3:]
    try:
        wd = dt.date(g[0], g[1], g[2]).weekday()
    except ValueError:
        wd = None
    for d, fields, wday in parse_shown_date(shown, partial=True):
        ok = True
        if wday is not None and wday != wd:
            ok = False
        if "Y" in fields and d.year != g[0]:
            ok = False
        if "y" in fields and d.year % 100 != g[0] % 100:
            ok = False
        if "m" in fields and d.month != g[1]:
            ok = False
        if "d" in fields and d.day != g[2]:
            ok = False
        if "H" in fields and (d.hour != (g[3] or 0) or d.minute != (g[4] or 0)):
            ok = False
        if "S" in fields and d.second != (g[5] or 0):
            ok = False
        if ok and (fields or wday is not None):
            return True
    return False


CURRENCY = "$€£¥₹₽₩₪฿₫₴₦zł"


def number_of(s):
    """(value, tolerance) of a number as shown (grouping, currency, percent, accounting
    parentheses, scientific, fractions), or None."""
    t = s.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not t:
        return None
    neg = False
    if t.startswith("(") and t.endswith(")"):
        neg, t = True, t[1:-1]
    m = re.fullmatch(r"([^\d+\-.,]{0,4}?)([+\-]?)([^\d+\-.,]{0,4}?)(\d[\d.,]*|[.,]\d+)(?:([eE])([+\-]?\d+))?(%?)([^\d]{0,5})", t)
    if not m:
        fm = re.fullmatch(r"([+\-]?)(?:(\d+)\s*)?(\d+)/(\d+)", s.strip())
        if fm and int(fm.group(4)):
            v = int(fm.group(2) or 0) + int(fm.group(3)) / int(fm.group(4))
            return (-v if fm.group(1) == "-" else v), 0.5 / int(fm.group(4))
        return None
    pre, sign, pre2, digits, e, exp, pct, suf = m.groups()
    if sign == "-":
        neg = not neg
    if "," in digits and "." in digits:
        dec = "," if digits.rfind(",") > digits.rfind(".") else "."
    elif "," in digits:
        dec = "." if re.fullmatch(r"\d{1,3}(,\d{3})+", digits) else ","
    else:
        dec = "."
    grp = "." if dec == "," else ","
    d = digits.replace(grp, "").replace("'", "")
    if d.count(dec) > 1:
        return None
    d = d.replace(dec, ".")
    decimals = len(d.split(".", 1)[1]) if "." in d else 0
    try:
        v = float(d)
    except ValueError:
        return None
    tol = 0.5 * 10 ** -decimals
    if e:
        v *= 10 ** int(exp)
        tol *= 10 ** int(exp)
    if pct:
        v /= 100
        tol /= 100
    return (-v if neg else v), tol


def first_line(s):
    return re.split(r"\r\n|\r|\n", s, 1)[0]


def serial_date(v, date1904=False):
    """The date LibreOffice shows for serial v (its day 0 is 1899-12-30)."""
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    try:
        return base + dt.timedelta(days=v)
    except OverflowError:
        return None


def number_note(tool, lo):
    """What a number format changed, for the sub-counts of number-format."""
    if "%" in lo:
        return "percent"
    if re.search(r"[eE][+-]?\d", lo) and not re.search(r"[eE]", tool):
        return "scientific"
    if re.search("[" + CURRENCY + "]", lo) or re.search(r"[^\W\d_]", lo):
        return "currency or text around the number"
    if re.match(r"^[(\-+]?0\d", lo.strip()) and not re.match(r"^-?0\d", tool):
        return "zero padding"
    if re.search(r"\d[,.\s\u00a0\u202f']\d{3}(\D|$)", lo) and len(re.sub(r"\D", "", lo)) > 3 and \
            re.sub(r"[,\s\u00a0\u202f']", "", lo) == tool:
        return "grouping"
    if lo.startswith("(") and lo.endswith(")"):
        return "accounting parentheses"
    return "decimals (rounding or padding)"


def classify(tool, lo, r, c, meta):
    """(class, note) of one cell that differs; note is "" or a sub-count's name."""
    if meta is not None:
        if meta.in_merge(r, c):
            return "merged", ""
        if (r in meta.hidden_rows or meta.col_hidden(c)) and blank(tool) != blank(lo):
            return "hidden", ""
        if (r, c) in meta.error:
            return "formula-error", ""

    def ws(s):
        return " ".join(s.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").split())
    if ws(tool) == ws(lo):
        return "whitespace/newline", ""
    if ("\r" in tool or "\n" in tool) and first_line(tool) == lo:
        return "whitespace/newline", "tool keeps a line break LO splits the row at"
    if ("\r" in lo or "\n" in lo) and first_line(lo) == tool:
        return "whitespace/newline", "LO keeps a line break the tool splits the row at"
    if ERR.match(tool.strip()) or ERR.match(lo.strip()):
        return "formula-error", ""
    if unicodedata.normalize("NFC", tool.lstrip("\ufeff")) == unicodedata.normalize("NFC", lo.lstrip("\ufeff")):
        return "encoding", ""
    if bool(MOJIBAKE.search(tool)) != bool(MOJIBAKE.search(lo)):
        return "encoding", ""
    for x, y in ((tool, lo), (lo, tool)):
        try:
            if x.encode("cp1252").decode("utf-8") == y:
                return "encoding", ""
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    if (meta is not None and (r, c) in meta.boolean) or (tool.strip().lower() in BOOLS and lo.strip().lower() in BOOLS):
        return "boolean", ""

    ti, lt = tool.strip(), lo.strip()
    kind = meta.kind.get((r, c)) if meta is not None else None
    tg = iso_parts(ti)
    tn, ln = number_of(ti), number_of(lt)
    if tg:
        if kind in ("time", "duration") or (TIME_ONLY.match(lt) and not same_instant(ti, lt)):
            return "time-only", "tool shows a date-time for a time-formatted cell"
        if same_instant(ti, lt):
            return "date normalised", ""
        if tg[0] == 1900 and (tg[1], tg[2]) < (3, 1) and same_instant(ti, lt, shift=-1):
            return "date", "before 1900-03-01, LO one day earlier (Excel's 1900 leap day)"
        return "date", ""
    if TIME_ONLY.match(ti) and (TIME_ONLY.match(lt) or kind):
        return "time-only", ""
    if tn and kind:
        return ("date" if kind == "date" else "time-only"), "tool shows the serial number of a date/time-formatted cell"
    if tn and meta is None and parse_shown_date(lt) and not ln:
        return "date", "tool shows a number where LO shows a date"
    if tn and ln:
        if abs(tn[0] - ln[0]) <= ln[1] + 1e-9 * max(1.0, abs(tn[0])):
            return "number-format", number_note(ti, lt)
        if abs(abs(tn[0]) - abs(ln[0])) <= ln[1] + 1e-9 * max(1.0, abs(tn[0])):
            return "number-format", "sign dropped by the format (a negative section)"
    if tn and lt == "" and meta is not None:
        return "number-format", "the format shows nothing (e.g. ;;; or an empty section)"
    if tool == "" and lo != "":
        return "other", "tool reads an empty cell where LO shows text"
    if meta is not None and (r, c) in meta.formula:
        return "other", "formula cell (LO recalculates some formulas)"
    return "other", ""


# ---------------------------------------------------------------- report

def read_csv(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return list(csv.reader(f))


def blank(s):
    return s.strip() == ""


class Stats:
    def __init__(self):
        self.files = 0
        self.tool_ok = 0
        self.tool_err = Counter()
        self.lo_fail = 0
        self.compared_files = 0
        self.cells = 0
        self.cells_equal = 0
        self.rows_compared = 0
        self.by_class = Counter()
        self.first_hidden = 0
        self.beyond = 0
        self.err_lo_data = 0
        self.notes = Counter()

    def add(self, o):
        for k in ("files", "tool_ok", "lo_fail", "compared_files", "cells", "cells_equal", "rows_compared", "first_hidden", "beyond", "err_lo_data"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        self.tool_err.update(o.tool_err)
        self.by_class.update(o.by_class)
        self.notes.update(o.notes)


def compare_file(corpus, path, tool_csv, tool_status, lo_csv, sheet, stats, examples, per_file, dump=None):
    ext = os.path.splitext(path)[1].lower()
    meta = sheet_meta(path, sheet) if ext in (".xlsx", ".xlsm") else None
    if meta is not None and meta.first_hidden:
        stats.first_hidden += 1
    tool = read_csv(tool_csv)
    lo = read_csv(lo_csv)
    if not tool or tool[0][:1] != ["H"]:
        return
    header = tool[0][1:]
    rows = []
    for rec in tool[1:]:
        try:
            rows.append((int(rec[0]), rec[1:]))
        except (ValueError, IndexError):
            pass
    width = len(header)
    rel = os.path.relpath(path, corpus) if corpus else path
    mism = Counter()

    def note(cls, r, c, t, l, sub=""):
        mism[cls] += 1
        if sub:
            stats.notes[(cls, sub)] += 1
        col = col_name(c) if c is not None else "-"
        if dump is not None:
            dump.append((rel, r, col, cls, t, l, sub))
        ex = examples[cls]
        if len(ex) < 200 and not any(e[0] == rel and e[5] == sub for e in ex):
            ex.append((rel, r, col, t, l, sub))

    def lo_row(n):
        return lo[n - 1] if 1 <= n <= len(lo) else None

    def cmp_cells(n, cells, upto):
        lr = lo_row(n) or []
        for c in range(upto):
            t = cells[c] if c < len(cells) else ""
            l = lr[c] if c < len(lr) else ""
            stats.cells += 1
            if t == l:
                stats.cells_equal += 1
            else:
                cls, sub = classify(t, l, n, c, meta)
                note(cls, n, c, t, l, sub)

    first_data = rows[0][0] if rows else len(lo) + 1
    nonblank = [i for i in range(1, min(first_data, len(lo) + 1)) if any(not blank(x) for x in lo[i - 1])]
    hrow = nonblank[0] if nonblank else None

    def trimmed(rec):
        rec = list(rec)
        if rec:
            rec[0] = rec[0].lstrip("\ufeff")
        while rec and blank(rec[-1]):
            rec.pop()
        return rec
    # Which row did the tool take as its header? The first non-blank row, unless another
    # row before the first data row matches it better.
    found = hrow
    if hrow is None or trimmed(lo[hrow - 1]) != header:
        for i in nonblank:
            if trimmed(lo[i - 1]) == header:
                found = i
                break
    if hrow is not None and found != hrow:
        note("header-row", found, None, "|".join(header)[:80], "row %d: %s" % (hrow, "|".join(trimmed(lo[hrow - 1]))[:80]))
    if found is not None:
        cmp_cells(found, header, width)
    elif header:
        note("header-row", 0, None, "|".join(header)[:80], "(no non-blank row before the first data row)")
    def missing(n):
        lr = lo[n - 1]
        if any(not blank(x) for x in lr[:width]):
            hidden = meta is not None and n in meta.hidden_rows
            note("hidden" if hidden else "missing-row", n, None, "", "|".join(lr[:width])[:80],
                 "hidden row the tool skips" if hidden else "")

    for i in nonblank:
        if found is not None and i > found:
            missing(i)

    seen = set()
    for n, cells in rows:
        seen.add(n)
        lr = lo_row(n)
        if lr is None:
            note("extra-row", n, None, "|".join(cells)[:80], "(no row)")
            continue
        if all(blank(x) for x in cells) and all(blank(x) for x in lr[:width]):
            if any(not blank(x) for x in lr[width:]):
                stats.beyond += 1  # cells only beyond the header: the reader flags the row
            else:
                note("extra-row", n, None, "|".join(cells)[:80], "(blank row)", "tool returns a blank row")
            continue
        stats.rows_compared += 1
        cmp_cells(n, cells, width)
    last = rows[-1][0] if rows else first_data
    for n in range(first_data, len(lo) + 1):
        if n in seen:
            continue
        if tool_status != "ok" and n > last:
            break  # the tool stopped at an error: counted as a file error, not as rows
        missing(n)
    stats.by_class.update(mism)
    per_file[rel] = mism


def clip(s, n=50):
    s = repr(s)[1:-1] if isinstance(s, str) else str(s)
    return s if len(s) <= n else s[:n - 1] + "…"


def pick_examples(cands, n=3):
    """Up to n examples: other sub-counts first, then other files."""
    out = []
    for key in (lambda e: e[5], lambda e: e[0]):
        for e in cands:
            if len(out) < n and e not in out and all(key(o) != key(e) for o in out):
                out.append(e)
    for e in cands:
        if len(out) < n and e not in out:
            out.append(e)
    return out


def report(jobs_path, dump_path=None):
    dump = [] if dump_path else None
    jobs = []
    with open(jobs_path, encoding="utf-8", newline="") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            parts += [""] * (9 - len(parts))
            jobs.append(parts[:9])
    corpora = []
    stats = defaultdict(Stats)
    examples = defaultdict(list)
    per_file = {}
    errors = []
    for corpus, path, tstatus, tcsv, tmsg, lstatus, lcsv, sheet, ms in jobs:
        if corpus not in corpora:
            corpora.append(corpus)
        st = stats[corpus]
        st.files += 1
        if tstatus == "ok":
            st.tool_ok += 1
        else:
            st.tool_err[tstatus or "none"] += 1
            errors.append((os.path.relpath(path, corpus), "tool " + (tstatus or "none"), tmsg))
        if lstatus != "ok" or not os.path.exists(lcsv):
            st.lo_fail += 1
            errors.append((os.path.relpath(path, corpus), "LibreOffice " + lstatus, ""))
            continue
        if tstatus != "ok":
            lo = read_csv(lcsv)
            cells = sum(1 for rec in lo for x in rec if not blank(x))
            if cells:
                st.err_lo_data += 1
                rows = sum(1 for rec in lo if any(not blank(x) for x in rec))
                errors[-1] = (errors[-1][0], errors[-1][1] + " (LO shows %d non-blank cells in %d rows)" % (cells, rows), errors[-1][2])
        if tstatus in ("open", "write", "none", "timeout", "") or not os.path.exists(tcsv):
            continue
        st.compared_files += 1
        try:
            compare_file(corpus, path, tcsv, tstatus, lcsv, sheet, st, examples, per_file, dump)
        except Exception as e:  # a bug here must not hide the other files
            errors.append((os.path.relpath(path, corpus), "compare failed", repr(e)))

    total = Stats()
    for c in corpora:
        total.add(stats[c])
    cols = [os.path.basename(c.rstrip("/")) or c for c in corpora] + ["total"]
    sts = [stats[c] for c in corpora] + [total]
    w = max(12, max(len(c) for c in cols) + 2)
    out = []

    def line(label, vals):
        out.append(label.ljust(34) + "".join(str(v).rjust(w) for v in vals))
    out.append("## Reader vs LibreOffice: totals")
    out.append("")
    line("", cols)
    line("files", [s.files for s in sts])
    line("files read without error", [s.tool_ok for s in sts])
    for k in sorted(total.tool_err):
        line("  tool error: " + k, [s.tool_err.get(k, 0) for s in sts])
    line("  tool error where LO shows data", [s.err_lo_data for s in sts])
    line("LibreOffice failed (not compared)", [s.lo_fail for s in sts])
    line("files compared", [s.compared_files for s in sts])
    line("first sheet hidden (info)", [s.first_hidden for s in sts])
    line("rows only beyond header (info)", [s.beyond for s in sts])
    line("rows compared", [s.rows_compared for s in sts])
    line("cells compared", [s.cells for s in sts])
    line("cells equal", [s.cells_equal for s in sts])
    line("mismatches (cells + rows)", [sum(s.by_class.values()) for s in sts])
    for k in CLASSES:
        line("  " + k, [s.by_class.get(k, 0) for s in sts])
    out.append("")
    out.append("Of which (sub-counts of a class):")
    for (k, sub), n in sorted(total.notes.items(), key=lambda kv: (CLASSES.index(kv[0][0]), -kv[1])):
        out.append("  %-18s %6d  %s" % (k, n, sub))
    out.append("")
    out.append("(header-row, missing-row and extra-row count rows; the other classes count cells.)")
    out.append("")
    out.append("## Examples (up to 3 per class, of different sub-counts or files): file, row, col, tool text, LibreOffice text")
    for k in CLASSES:
        if not examples[k]:
            continue
        out.append("")
        out.append("### %s (%d)" % (k, total.by_class[k]))
        for rel, r, c, t, l, sub in pick_examples(examples[k]):
            out.append("  %s  row %s col %s: tool %s | LO %s%s" % (rel, r, c, '"' + clip(t) + '"', '"' + clip(l) + '"',
                                                                  "  [" + sub + "]" if sub else ""))
    out.append("")
    out.append("## Files with the most mismatches")
    top = sorted(per_file.items(), key=lambda kv: -sum(kv[1].values()))[:15]
    for rel, m in top:
        if not m:
            break
        out.append("  %5d  %s  (%s)" % (sum(m.values()), rel, ", ".join("%s %d" % kv for kv in m.most_common())))
    out.append("")
    out.append("## Errors")
    if not errors:
        out.append("  none")
    for rel, what, msg in errors:
        out.append("  %s: %s %s" % (rel, what, clip(msg, 200) if msg else ""))
    print("\n".join(out))
    if dump_path:
        with open(dump_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            w.writerow(["file", "row", "col", "class", "tool", "libreoffice", "note"])
            w.writerows(dump)


def main(argv):
    if len(argv) >= 3 and argv[1] == "sheet":
        try:
            ch = choose_sheet(argv[2], argv[3] if len(argv) > 3 else "")
        except Exception as e:  # not a workbook we can read: LibreOffice picks the sheet
            print("compare.py: %s: %s" % (argv[2], e), file=sys.stderr)
            return 1
        if not ch:
            return 1
        print(ch[0])
        return 0
    if len(argv) == 3 and argv[1] == "csvinfo":
        print("%d %d %d" % csvinfo(argv[2]))
        return 0
    if len(argv) in (3, 4) and argv[1] == "report":
        report(argv[2], argv[3] if len(argv) == 4 else None)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
