#!/usr/bin/env bash
# R-IDOC-1, R-IDOC-2, R-LIFE-5: every invoice and credit-note document the tests know (InvoiceDocumentCase.all) is written as
# UBL, PDF and text by the export test into a temporary directory, and `cps walkthrough --output`
# writes the journey's invoices and credit note as the services render them; all the UBL files are validated in one
# call by ../shared/einvoice/validate.py (UBL 2.1 XSD, CEN EN 16931 1.3.16 and 1.3.14.1, Peppol BIS
# 3.0.19), expecting 0 fatal assertions, and one deliberately broken copy (BR-CO-15: a wrong payable
# total) must fail. The PDFs must pass `qpdf --check` (Debian package qpdf, installed as root) and
# pypdf 7.1.0 must extract the mandatory texts. Python packages are pinned, in a venv under
# .build-einvoice/ (gitignored by `.build-*/`).
set -euo pipefail
cd "$(dirname "$0")/../.."
validator=../shared/einvoice
venv=.build-einvoice/venv
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if ! command -v qpdf >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    echo "== apt-get install qpdf"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends qpdf >/tmp/cps-ci-apt-qpdf.log 2>&1 \
      || { cat /tmp/cps-ci-apt-qpdf.log >&2; exit 1; }
  else
    echo "qpdf is missing and apt-get needs root"; exit 1
  fi
fi
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q -r "$validator/requirements.txt" pypdf==7.1.0

echo "== writing the invoice documents to $out"
CPS_INVOICE_DOCUMENTS_OUT="$out" swift test --filter InvoiceRenderingTests 2>&1 | tail -3
count=$(ls "$out"/*.xml 2>/dev/null | wc -l)
[ "$count" -ge 9 ] || { echo "expected at least 9 UBL documents (7 invoices, 2 credit notes), found $count"; exit 1; }
ls "$out"/credit-note-*.xml >/dev/null 2>&1 || { echo "no credit note among the UBL documents"; exit 1; }

echo "== cps walkthrough --output: the documents the services render for the journey's invoices"
swift run -q cps walkthrough --output "$out/walkthrough" >/dev/null
walkthrough=$(ls "$out"/walkthrough/*.xml 2>/dev/null | wc -l)
[ "$walkthrough" -ge 3 ] || { echo "expected the walkthrough's 2 invoices and 1 credit note as UBL, found $walkthrough"; exit 1; }

echo "== validate.py on $count + $walkthrough UBL documents"
"$venv/bin/python" "$validator/validate.py" "$out"/*.xml "$out"/walkthrough/*.xml

echo "== a broken document must fail"
mkdir -p "$out/broken"
sed 's|<cbc:PayableAmount currencyID="EUR">242.00</cbc:PayableAmount>|<cbc:PayableAmount currencyID="EUR">241.00</cbc:PayableAmount>|' \
  "$out/domestic-nl.xml" > "$out/broken/domestic-nl-BR-CO-15.xml"
if "$venv/bin/python" "$validator/validate.py" "$out/broken/domestic-nl-BR-CO-15.xml" > "$out/broken.log" 2>&1; then
  cat "$out/broken.log"; echo "the broken document passed"; exit 1
fi
grep -q 'BR-CO-15' "$out/broken.log" || { cat "$out/broken.log"; echo "BR-CO-15 did not fire"; exit 1; }

echo "== qpdf --check and pypdf text on the PDFs"
for pdf in "$out"/*.pdf "$out"/walkthrough/*.pdf; do qpdf --check "$pdf" >/dev/null || { echo "qpdf --check failed: $pdf"; exit 1; }; done
"$venv/bin/python" - "$out" <<'PY'
import pathlib, sys
from pypdf import PdfReader
out = pathlib.Path(sys.argv[1])
expected = {
    "domestic-nl": ["CPS-2026-000001", "NL005916343B01", "Bovenkerkerweg 59", "21 %", "€42.00", "€242.00", "NL91 ABNA 0417 1643 00"],
    "reverse-charge-se": ["SE556036079301", "Omvänd betalningsskyldighet", "artikel 196", "Bildbyrån Åkesson AB"],
    "outside-scope-no": ["Outside the scope of EU VAT", "Nordlys Foto AS"],
    "latin-extended-pl": ["Łukasz Żółć", "Łódź"],
    "two-page-nl": ["Page 2 of 2"],
    "credit-note-full-nl": ["Credit note CN-CPS-2026-000001", "Credits invoice: CPS-2026-000001 of 2026-03-02", "€242.00"],
    "credit-note-partial-se": ["Kreditfaktura CN-CPS-2026-000002", "CPS-2026-000002", "Omvänd betalningsskyldighet", "Workshop inställd"],
}
for name, texts in expected.items():
    reader = PdfReader(out / f"{name}.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    missing = [t for t in texts if t.replace("\u00a0", " ") not in text]
    if missing:
        sys.exit(f"{name}.pdf: pypdf did not find {missing}")
    if name == "two-page-nl" and len(reader.pages) != 2:
        sys.exit(f"two-page-nl.pdf has {len(reader.pages)} pages")
print("pypdf: the mandatory texts are in every PDF")
PY
echo "== 25-einvoice passed"
