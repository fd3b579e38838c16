#!/usr/bin/env python3
"""Regenerates the published-paper fixtures of tests/published/.

Papers are invented (no real council's figures). Each is written here as
its source, a Word-processor document (.fodt, for LibreOffice) or a web page
(.html, for Chromium), and printed to PDF by that program; the text papers
of tests/auto/ and the bundled documents are printed too. Two pages are
written by hand in src/ (tax-setting, capital-programme, two-year-budget) and only
printed here. The tests read the
committed PDFs: LibreOffice and Chromium are needed only to run this script.

    python3 tests/published/make.py          # from the repository root
    python3 tests/published/make.py briefing # only the two-column briefing
    python3 tests/published/make.py pages    # only the hand-written pages' prints
    python3 tests/published/make.py errors   # only the unreadable PDFs
    python3 tests/published/make.py bench    # only benches/data/budget-100-pages.pdf
    python3 tests/published/make.py papers NAME...  # only these tests/auto papers' prints

needs `soffice` (Debian: libreoffice-writer-nogui) and `chromium`.
"""
import html
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "published")
SRC = os.path.join(OUT, "src")

CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def money(n):
    """£'000 as councils print them: 1,234, (1,234) for a negative, - for nil."""
    if n == 0:
        return "-"
    if n < 0:
        return "({:,})".format(-n)
    return "{:,}".format(n)


# ── The revenue budget: a Word table that runs over a page break ──────────

SECTIONS = [
    ("Adults and health", [
        ("Residential care", 18420, -6210), ("Nursing care", 9870, -3115),
        ("Home care", 7345, -1290), ("Day services", 2210, -385),
        ("Direct payments", 4120, 0), ("Reablement", 1985, -640),
        ("Mental health services", 3360, -420), ("Learning disability support", 6735, -1180),
        ("Carers' support", 860, 0), ("Safeguarding adults", 1145, -95),
        ("Public health grant schemes", 5230, -5230), ("Occupational therapy", 990, -60),
    ]),
    ("Children and families", [
        ("Children in care", 12480, -410), ("Fostering and adoption", 4365, -120),
        ("Early help", 2790, -835), ("Youth services", 1215, -290),
        ("Special educational needs transport", 3640, -150), ("Children's centres", 1870, -560),
        ("Safeguarding children", 2455, 0), ("School improvement", 1330, -1015),
        ("Care leavers", 975, -45), ("Short breaks", 640, -210),
    ]),
    ("Place and environment", [
        ("Highways maintenance", 8915, -1840), ("Street lighting", 2145, -310),
        ("Waste disposal", 9760, -2275), ("Recycling centres", 2480, -640),
        ("Libraries", 3125, -415), ("Countryside and parks", 1690, -720),
        ("Trading standards", 845, -130), ("Planning policy", 1210, -385),
        ("Flood management", 730, 0), ("Bus subsidies", 2365, -905),
        ("Economic development", 1540, -1125), ("Archives and records", 615, -240),
    ]),
]


def budget_rows():
    rows = []
    grand = [0, 0]
    for name, services in SECTIONS:
        rows.append(("heading", name))
        total = [0, 0]
        for label, gross, income in services:
            rows.append(("row", label, gross, income, gross + income))
            total[0] += gross
            total[1] += income
        rows.append(("total", name + " total", total[0], total[1], total[0] + total[1]))
        grand[0] += total[0]
        grand[1] += total[1]
    rows.append(("total", "Total net budget", grand[0], grand[1], grand[0] + grand[1]))
    return rows, grand[0] + grand[1]


FUNDING = [
    ("Council tax", 0), ("Business rates retained", 48215), ("Revenue support grant", 9870),
    ("Social care grant", 14320), ("New homes bonus", 1185),
]


def funding_rows(net):
    rows = [(label, value) for label, value in FUNDING[1:]]
    council_tax = net - sum(v for _, v in rows)
    return [("Council tax", council_tax)] + rows


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.1cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="10pt"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Title" style:family="paragraph"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Figure" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
 <style:style style:name="Strong" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="StrongFigure" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="left"/></style:style>
 <style:style style:name="ColLabel" style:family="table-column"><style:table-column-properties style:column-width="7cm"/></style:style>
 <style:style style:name="ColFigure" style:family="table-column"><style:table-column-properties style:column-width="3.33cm"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Header">{running}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>2</text:page-count></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""

FODT_TAIL = "</office:text></office:body></office:document>\n"


def p(style, text):
    return '<text:p text:style-name="{}">{}</text:p>\n'.format(style, html.escape(text))


def fodt_table(header, rows, widths):
    """A Word-style table: a header row, then rows of (style, cells)."""
    out = ['<table:table table:name="T{}" table:style-name="Tbl">\n'.format(id(rows))]
    for width in widths:
        out.append('<table:table-column table:style-name="{}"/>\n'.format(width))
    out.append("<table:table-header-rows>")
    for line in header:
        out.append("<table:table-row>")
        for i, cell in enumerate(line):
            out.append('<table:table-cell table:style-name="Cell">' +
                       p("StrongFigure" if i else "Strong", cell) + "</table:table-cell>")
        out.append("</table:table-row>\n")
    out.append("</table:table-header-rows>\n")
    for strong, cells in rows:
        out.append("<table:table-row>")
        for i, cell in enumerate(cells):
            style = ("Strong" if strong else "Standard") if i == 0 else (
                "StrongFigure" if strong else "Figure")
            out.append('<table:table-cell table:style-name="Cell">' + p(style, cell) +
                       "</table:table-cell>")
        out.append("</table:table-row>\n")
    out.append("</table:table>\n")
    return "".join(out)


def revenue_budget_fodt():
    rows, net = budget_rows()
    body = [
        p("Title", "Brackenfield County Council"),
        p("Standard", "Cabinet, 11 February 2027"),
        p("Heading", "Revenue budget 2027/28"),
        p("Standard", "1. Table 1 sets out each service's gross expenditure, the income it "
          "raises and its net budget for 2027/28. Figures are in thousands of pounds; "
          "income is shown in brackets and a dash means none."),
        p("Heading", "Table 1: Net revenue budget by service"),
    ]
    table_rows = []
    for row in rows:
        if row[0] == "heading":
            table_rows.append((True, [row[1], "", "", ""]))
        else:
            kind, label, gross, income, net_ = row
            table_rows.append((kind == "total", [label, money(gross), money(income), money(net_)]))
    body.append(fodt_table(
        [["Service", "Gross expenditure £'000", "Income £'000", "Net budget £'000"]],
        table_rows, ["ColLabel", "ColFigure", "ColFigure", "ColFigure"]))
    body.append(p("Heading", "Table 2: Funding the net budget"))
    funding = funding_rows(net)
    body.append(fodt_table(
        [["Source of funding", "£'000"]],
        [(False, [label, money(v)]) for label, v in funding] +
        [(True, ["Total funding", money(sum(v for _, v in funding))])],
        ["ColLabel", "ColFigure"]))
    body.append(p("Standard", "2. The council tax requirement of £{:,}k is set out in the "
                  "council tax report.".format(funding[0][1])))
    head = FODT_HEAD.replace("{running}", "Brackenfield County Council – Revenue budget 2027/28")
    return head + "".join(body) + FODT_TAIL


# ── Council tax bands: a web page ─────────────────────────────────────────

BAND_RATIOS = [("A", 6), ("B", 7), ("C", 8), ("D", 9), ("E", 11), ("F", 13), ("G", 15), ("H", 18)]
PRECEPTS = [("Brackenfield County Council", 98_412_350), ("Police and Crime Commissioner", 17_905_600),
            ("Fire and Rescue Authority", 6_350_875)]
TAX_BASE = "63,912.40"


def pounds(n):
    return "£{:,.2f}".format(n)


def council_tax_html():
    from decimal import Decimal, ROUND_HALF_UP
    base = Decimal(TAX_BASE.replace(",", ""))
    rows = []
    band_d_total = Decimal(0)
    for name, precept in PRECEPTS:
        band_d = (Decimal(precept) / base).quantize(Decimal("0.01"), ROUND_HALF_UP)
        band_d_total += band_d
        rows.append("<tr><td>{}</td><td>£{:,}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(name), precept, TAX_BASE, pounds(band_d)))
    bands = []
    for band, ninths in BAND_RATIOS:
        charge = (band_d_total * ninths / 9).quantize(Decimal("0.01"), ROUND_HALF_UP)
        bands.append("<tr><th scope=row>Band {}</th><td>{}/9</td><td>{}</td></tr>".format(
            band, ninths, pounds(charge)))
    return """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Council tax 2027/28</title>
<style>body{{font-family:'Liberation Sans',sans-serif;font-size:11pt;margin:2cm}}
table{{border-collapse:collapse;margin:1em 0}} td,th{{border:1px solid #999;padding:3px 8px}}
td+td{{text-align:right}} nav,footer{{color:#666}}</style>
<script>window.dataLayer = [1, 2, 3];</script></head>
<body>
<nav><a href="/">Home</a> &gt; <a href="/council-tax">Council tax</a> &gt; Charges 2027/28</nav>
<h1>Council tax charges 2027/28</h1>
<p>Each authority's Band D charge is its precept divided by the tax base of {base} Band D
equivalents. The charge for each band is a fixed fraction of Band D: Band A pays six ninths
and Band H eighteen ninths.</p>
<table>
<caption>Table 1: Precepts and Band D charges</caption>
<thead><tr><th>Authority</th><th>Precept</th><th>Tax base</th><th>Band D</th></tr></thead>
<tbody>
{rows}
<tr><th scope=row>Total Band D charge</th><td></td><td></td><td>{total}</td></tr>
</tbody></table>
<table>
<caption>Table 2: Charges by band</caption>
<thead><tr><th rowspan=2>Band</th><th colspan=2>2027/28</th></tr>
<tr><th>Ratio to Band D</th><th>Charge</th></tr></thead>
<tbody>
{bands}
</tbody></table>
<footer>Brackenfield County Council · Contact us · Accessibility</footer>
</body></html>
""".format(base=TAX_BASE, rows="\n".join(rows), total=pounds(band_d_total), bands="\n".join(bands))


# ── A briefing set in two columns ─────────────────────────────────────────

def briefing_html():
    prose = [
        "The shared digital programme will cost £436,000 over two years. Its cost is split "
        "40/60 between the county council and the district councils: the county council pays "
        "£174,400 and the districts together pay £261,600.",
        "The districts' share is divided equally among the six district councils, so that each "
        "pays £43,600. A council that joins later pays the same share and the others' shares "
        "fall to £37,371.",
        "Savings are expected from the second year. The programme board estimates them at "
        "£1.2 million a year once every service has moved, which is 2.75 times the cost of "
        "the programme.",
        "Staffing is the largest cost. Four posts at £52,000 a year each cost £208,000 a year, "
        "and on-costs at 28% add a further £58,240, so the staffing cost is £266,240 a year.",
        "The remaining budget of £169,760 over two years pays for licences, training and "
        "communications. The board reports to the joint committee every quarter.",
    ]
    # Paragraphs without figures fill the two columns down the page.
    filler = [
        "Members asked how the programme would be governed. The joint committee sets its "
        "priorities, and each council names one officer to the programme board, which meets "
        "every month and reports on progress, risks and spending against the plan.",
        "Services move one at a time, starting with those whose systems are oldest. Each "
        "move is tested with residents before the old system is switched off, and staff are "
        "trained in the new way of working before it goes live.",
        "The board will publish what it has learned, so that other councils can reuse the "
        "designs and code without paying for them again.",
    ]
    paragraphs = "\n".join("<p>{}</p>".format(html.escape(t)) for t in prose + filler + filler)
    return """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Shared digital programme briefing</title>
<style>body{{font-family:'Liberation Serif',serif;font-size:11pt;margin:1.5cm}}
.cols{{column-count:2;column-gap:1.2cm;text-align:justify}} p{{margin:0 0 .8em}}
table{{border-collapse:collapse}} td,th{{padding:2px 10px}} td+td{{text-align:right}}</style></head>
<body>
<h1>Shared digital programme: briefing for members</h1>
<div class="cols">
{paragraphs}
</div>
<h2>Programme cost</h2>
<table>
<tr><th>Item</th><th>Year 1 £</th><th>Year 2 £</th><th>Total £</th></tr>
<tr><td>Staffing</td><td>133,120</td><td>133,120</td><td>266,240</td></tr>
<tr><td>Licences</td><td>61,500</td><td>38,260</td><td>99,760</td></tr>
<tr><td>Training</td><td>30,000</td><td>25,000</td><td>55,000</td></tr>
<tr><td>Communications</td><td>9,000</td><td>6,000</td><td>15,000</td></tr>
<tr><td>Total</td><td>233,620</td><td>202,380</td><td>436,000</td></tr>
</table>
</body></html>
""".format(paragraphs=paragraphs)


def text_as_html(title, text):
    """A text paper as a web page that prints it line for line in a fixed-width font."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>{}</title><style>"
            "@page{{size:A4 landscape;margin:1.2cm}} pre{{font-family:'Liberation Mono',monospace;"
            "font-size:7.5pt;white-space:pre-wrap}}</style></head><body><pre>{}</pre></body></html>"
            ).format(html.escape(title), html.escape(text))


def chromium(html_path, pdf_path, header_footer):
    args = CHROMIUM + ["--user-data-dir=" + tempfile.mkdtemp(), "--print-to-pdf=" + pdf_path]
    if not header_footer:
        args.append("--no-pdf-header-footer")
    subprocess.run(args + ["file://" + html_path], check=True, capture_output=True)


def soffice(source, outdir, infilter=None):
    args = ["soffice", "--headless"]
    if infilter:
        args.append("--infilter=" + infilter)
    subprocess.run(args + ["--convert-to", "pdf", "--outdir", outdir, source],
                   check=True, capture_output=True)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# A 1×1 grey PNG: a page that is only a picture, as a scanner makes it.
PIXEL = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgYAAAAAMAAWgmWQ0AAAAASUVORK5CYII=")


def long_budget_fodt(pages=100):
    """The benchmark's budget: the revenue budget's services, department by
    department, a department of 38 rows to a page, for `pages` pages."""
    rows = []
    grand = [0, 0]
    for department in range(1, pages + 1):
        rows.append((True, ["Department {}".format(department), "", "", ""]))
        total = [0, 0]
        for i in range(36):
            _, services = SECTIONS[(department + i) % len(SECTIONS)]
            label, gross, income = services[i % len(services)]
            gross += department * 7 + i
            rows.append((False, ["{} ({}.{})".format(label, department, i + 1), money(gross),
                                 money(income), money(gross + income)]))
            total[0] += gross
            total[1] += income
        rows.append((True, ["Department {} total".format(department), money(total[0]),
                            money(total[1]), money(total[0] + total[1])]))
        grand[0] += total[0]
        grand[1] += total[1]
    rows.append((True, ["Total net budget", money(grand[0]), money(grand[1]),
                        money(grand[0] + grand[1])]))
    body = [p("Title", "Brackenfield County Council"), p("Heading", "Detailed revenue budget 2027/28"),
            fodt_table([["Service", "Gross expenditure £'000", "Income £'000", "Net budget £'000"]],
                       rows, ["ColLabel", "ColFigure", "ColFigure", "ColFigure"])]
    head = FODT_HEAD.replace("{running}", "Brackenfield County Council – Detailed budget 2027/28")
    return head + "".join(body) + FODT_TAIL


def bench_fixture():
    """benches/data/budget-100-pages.pdf, for `cargo bench --bench pdf`."""
    target = os.path.join(ROOT, "benches", "data")
    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "budget-100-pages.fodt")
        write(source, long_budget_fodt())
        soffice(source, target)


def error_fixtures():
    """PDFs that cannot be read: a scan (no text layer) and a locked file."""
    target = os.path.join(OUT, "errors")
    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "scanned.html")
        write(page, "<!DOCTYPE html><html><body style='margin:0'><img style='width:100%;height:95vh'"
                    " src='data:image/png;base64," + PIXEL + "'></body></html>")
        chromium(page, os.path.join(target, "scanned.pdf"), False)
        locked = os.path.join(tmp, "encrypted.txt")
        write(locked, "Budget 2027/28\nTotal net budget 98,205\n")
        options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                   '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
        subprocess.run(["soffice", "--headless", "--convert-to", options, "--outdir", target, locked],
                       check=True, capture_output=True)


# Web pages written by hand (not generated): captioned tables, a band
# table, a tax base under a £ header, years spanning sub-headers. The second field says whether
# LibreOffice prints it too: its HTML import sets the capital programme's
# `width:100%` tables one letter to a line, on paper as in the text layer.
WRITTEN_PAGES = [("tax-setting", True), ("capital-programme", False), ("two-year-budget", True)]


def written_pages():
    """Each hand-written page printed by Chromium, and by LibreOffice after
    importing it into Writer (its tables become Writer tables, set close as
    a table that fits its text)."""
    for name, libreoffice in WRITTEN_PAGES:
        page = os.path.join(SRC, name + ".html")
        chromium(page, os.path.join(OUT, name + ".pdf"), False)
        if not libreoffice:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            soffice(page, tmp, infilter="writerglobal8_HTML")
            os.replace(os.path.join(tmp, name + ".pdf"), os.path.join(OUT, name + ".libreoffice.pdf"))


def print_text_papers(folder, only=None):
    """The text papers of `folder` (or only the stems in `only`), by both
    producers: Chromium from a page that sets the text in a fixed-width
    font; LibreOffice from the text itself, in Liberation Mono."""
    source_dir = os.path.join(ROOT, folder)
    target = os.path.join(OUT, os.path.basename(folder))
    os.makedirs(target, exist_ok=True)
    for name in sorted(os.listdir(source_dir)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        if only is not None and stem not in only:
            continue
        with open(os.path.join(source_dir, name), encoding="utf-8") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            page = os.path.join(tmp, stem + ".html")
            write(page, text_as_html(stem, text))
            chromium(page, os.path.join(target, stem + ".chromium.pdf"), True)
            plain = os.path.join(tmp, stem + ".txt")
            shutil.copy(os.path.join(source_dir, name), plain)
            soffice(plain, tmp, "Text (encoded):UTF8,LF,Liberation Mono,en-GB")
            shutil.move(os.path.join(tmp, stem + ".pdf"),
                        os.path.join(target, stem + ".libreoffice.pdf"))
        print("printed", folder + "/" + name, file=sys.stderr)


def main():
    if sys.argv[1:] == ["pages"]:
        written_pages()
        return
    if sys.argv[1:] == ["bench"]:
        bench_fixture()
        return
    if sys.argv[1:] == ["errors"]:
        error_fixtures()
        return
    if sys.argv[1:2] == ["papers"]:
        print_text_papers("tests/auto", set(sys.argv[2:]))
        return
    if sys.argv[1:] == ["briefing"]:
        write(os.path.join(SRC, "briefing.html"), briefing_html())
        chromium(os.path.join(SRC, "briefing.html"), os.path.join(OUT, "briefing.pdf"), False)
        return
    os.makedirs(SRC, exist_ok=True)
    write(os.path.join(SRC, "revenue-budget.fodt"), revenue_budget_fodt())
    write(os.path.join(SRC, "council-tax.html"), council_tax_html())
    write(os.path.join(SRC, "briefing.html"), briefing_html())
    soffice(os.path.join(SRC, "revenue-budget.fodt"), OUT)
    error_fixtures()
    bench_fixture()
    # A web page printed as a browser prints it: with its title, address,
    # date and page numbers in the margins.
    chromium(os.path.join(SRC, "council-tax.html"), os.path.join(OUT, "council-tax.pdf"), True)
    chromium(os.path.join(SRC, "briefing.html"), os.path.join(OUT, "briefing.pdf"), False)
    written_pages()
    print_text_papers("tests/auto")
    print_text_papers("documents")


if __name__ == "__main__":
    main()
