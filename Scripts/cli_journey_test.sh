#!/usr/bin/env bash
# The whole seed journey through the built `cps` binary (R-GUIDE-1, SPEC §1–10): apply, evidence,
# submit, review, password, products, migration, points, levels, purchase, invoice, bank payment, mail,
# next steps — every answer read as JSON (python3), refusals and usage errors with their exit codes.
# Usage: Scripts/cli_journey_test.sh [PATH-TO-cps]     Prints "N passed, 0 failed"; exits 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
CPS=${1:-"$(swift build --show-bin-path)/cps"}
DATA=$(mktemp -d /tmp/cps-journey.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
export CPS_DATA_DIR="$DATA/data" CPS_NOW="2026-11-27T10:00:00+01:00" CPS_LANG=en
# The low-cost password hashing (R-ID-1, CPSKitTesting's PasswordPolicy.lowCost): no debug CI path runs 600,000.
export CPS_PASSWORD_ITERATIONS=1000
passed=0; failed=0; OUT=""; RC=0

ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $1"; [ -n "$OUT" ] && echo "$OUT" | head -20; }
# run EXPECTED-EXIT ARGS…: runs cps with --json, keeps stdout in OUT, checks the exit status.
run() {
  local want=$1; shift
  OUT=$("$CPS" "$@" --json 2>"$DATA/stderr"); RC=$?
  if [ "$RC" -eq "$want" ]; then ok; else bad "cps $* exited $RC, expected $want ($(head -c 300 "$DATA/stderr"))"; fi
}
# py EXPRESSION: evaluates EXPRESSION with d = the last JSON answer, prints it.
py() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)" <<<"$OUT" 2>/dev/null; }
# check NAME EXPRESSION: the EXPRESSION over d must be True.
check() { if [ "$(py "$2")" = "True" ]; then ok; else bad "$1: $2"; fi; }
codes() { py "','.join(s['code'] for s in d)"; }

cat > "$DATA/form.json" <<'JSON'
{"companyName": "Ljusbild Foto AB", "street": "Storgatan 12", "postalCode": "111 22", "city": "Stockholm",
 "country": "SE", "vatNumber": "SE556677889901", "contactName": "Anna Lind", "contactEmail": "anna@ljusbild.example",
 "contactLanguage": "sv", "applicantRole": "VD", "attestsAuthority": true, "oldCPSEmail": "anna.lind@old-cps.example"}
JSON
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' > "$DATA/invoice.pdf"
echo "just text" > "$DATA/notes.txt"
mkdir -p "$CPS_DATA_DIR"
cat > "$CPS_DATA_DIR/legacy-cps.json" <<'JSON'
[{"membershipNumber": "OLD77", "email": "anna.lind@old-cps.example",
  "products": [{"model": "EOS R3", "serialNumber": "LG0001", "purchaseDate": "2022-03-01", "countryOfPurchase": "SE", "dealer": "Foto Stockholm"},
               {"model": "RF 70-200mm F2.8 L IS USM", "serialNumber": "LG0002"}]}]
JSON
ANNA=anna@ljusbild.example

# --- Business account: steps 1-5 -------------------------------------------------------------------
run 0 apply "$DATA/form.json";                         check "apply" "d['status'] == 'draft'"
APP=$(py "d['id']")
run 65 apply "$DATA/form.json";                        check "duplicate refused" "d['code'] in ('application.duplicateVATNumber', 'application.duplicateEmail')"
run 64 apply "$DATA/form.json" --bogus
run 64 frobnicate
run 74 apply "$DATA/missing.json"
run 0 next-steps "$APP" --as "$ANNA" --lang en;        check "draft steps" "[s['code'] for s in d] == ['application.provideEvidence']"
check "R-DOC-1 text" "'VAT registration certificate' in d[0]['text']"
run 65 evidence add "$APP" companyInvoice "$DATA/notes.txt" --as "$ANNA"
check "not a PDF" "d['code'].startswith('evidence.')"
run 0 evidence add "$APP" companyInvoice "$DATA/invoice.pdf" --as "$ANNA"; check "document" "d['mediaType'] == 'application/pdf'"
DOC=$(py "d['id']")
run 65 submit "$APP" --as someone@else.example
run 0 submit "$APP" --as "$ANNA";                      check "SLA due day" "d['dueDay'] == '2026-12-01'"
run 0 next-steps "$APP" --as "$ANNA" --lang sv
check "await validation (sv)" "d[0]['code'] == 'application.awaitValidation' and 'tisdag 1 december 2026' in d[0]['text']"
check "do not reset yet" "d[1]['code'] == 'password.doNotResetYet'"
run 0 password reset "$ANNA";                          check "neutral reset answer" "'answer' in d"
RITA=rita@canon-europe.example
run 0 reviewers add "$RITA" "Rita Granskare";           check "reviewer added" "d['status'] == 'active'"
run 65 reviewers add "$RITA" "Rita Again";              check "reviewer e-mail unique" "d['code'] == 'reviewer.emailInUse'"
run 0 reviewers add "ANNA@ljusbild.example" "Anna Lind"
run 0 review queue --reviewer "ANNA@ljusbild.example";  check "an applicant-reviewer sees the queue" "len(d) == 1"
run 65 review start "$APP" --reviewer "ANNA@ljusbild.example"; check "never on their own application (R-ID-4)" "d['code'] == 'authorization.reviewerIsParty'"
run 65 review queue --reviewer nobody@canon-europe.example; check "unknown reviewer" "d['code'] == 'authorization.unknownReviewer'"
run 0 review queue --reviewer "$RITA";                      check "queue" "len(d) == 1 and d[0]['id'] == '$APP'"
run 65 review approve "$APP" --reviewer "$RITA";            check "unexamined evidence" "d['code'] == 'application.evidenceIncomplete'"
run 64 review approve "$APP"
export CPS_NOW="2026-11-30T09:00:00+01:00"
run 0 review start "$APP" --reviewer "$RITA";               check "in review" "d['status'] == 'inReview'"
run 0 review fields "$APP" "$DOC" --as-applied --reviewer "$RITA"; check "evidence satisfied" "d['satisfied'] is True"
run 0 review approve "$APP" --reviewer "$RITA"
ACCOUNT=$(py "d['account']")
run 0 next-steps "$APP" --as "$ANNA";                  check "set password" "d[0]['code'] == 'password.setFromEmail'"
run 0 jobs mail;                                       check "mails delivered" "len(d['delivered']) >= 2"
[ -n "$(ls "$CPS_DATA_DIR/mail/new" 2>/dev/null)" ] && ok || bad "maildir has no mail"
run 0 mails --to "$ANNA" --template accountReady;      check "account-ready mail" "len(d) == 1 and d[0]['status'] == 'delivered'"
check "the outbox keeps no link (R-ID-3)" "'token=' not in json.dumps(d).replace('token={token}', '')"
# The link is in the delivered mail only (the recipient's side, outside the store): read the maildir.
maildir_token() {  # maildir_token SUBJECT-WORD: the token of the newest delivered mail whose subject has the word
  python3 - "$CPS_DATA_DIR/mail/new" "$1" <<'PY'
import email, email.policy, os, sys
box, word = sys.argv[1], sys.argv[2]
found = []
for name in os.listdir(box):
    msg = email.message_from_bytes(open(os.path.join(box, name), 'rb').read(), policy=email.policy.default)
    body = msg.get_content()
    if word in str(msg['Subject']) and 'token=' in body:
        found.append((os.path.getmtime(os.path.join(box, name)), name, body.split('token=')[1].split()[0]))
print(sorted(found)[-1][2] if found else '')
PY
}
TOKEN=$(maildir_token "klart")
[ -n "$TOKEN" ] && ok || bad "no password link in the delivered mail"
! grep -rqF "$TOKEN" "$CPS_DATA_DIR/store" && ok || bad "the token is in the store (R-ID-3)"
KEYS="$CPS_DATA_DIR.keys"
[ "$(stat -c %a "$KEYS")" = "600" ] && ok || bad "the generated key file $KEYS is not mode 600"
cp "$KEYS" "$CPS_DATA_DIR/inside.keys"
run 78 mails --keys "$CPS_DATA_DIR/inside.keys";     check "key file inside the data dir refused" "d['code'] == 'tokenKeys.insideDataDirectory'"
cp "$KEYS" "$DATA/open.keys"; chmod 644 "$DATA/open.keys"
run 78 mails --keys "$DATA/open.keys";                check "group-readable key file refused" "d['code'] == 'tokenKeys.fileTooOpen'"
rm -f "$CPS_DATA_DIR/inside.keys"
run 0 password set "$TOKEN" "Ljus-och-bild-2026";      check "user active" "d['status'] == 'active' and d['role'] == 'superuser'"
USER=$(py "d['id']")
run 65 password set "$TOKEN" "Ljus-och-bild-2026"
run 0 password sign-in "$ANNA" "Ljus-och-bild-2026";   check "R-ID-2 signed in" "d['user'] == '$USER' and d['account'] == '$ACCOUNT' and d['credentialVersion'] == '1'"
run 65 password sign-in "$ANNA" "Wrong-password-1";    WRONG=$OUT; check "wrong password" "d['code'] == 'password.invalidCredentials'"
run 65 password sign-in nobody@ljusbild.example "Wrong-password-1"
[ "$OUT" = "$WRONG" ] && ok || bad "R-ID-2: an unknown address is answered exactly like a wrong password"

# --- Activation: products, migration, points ---------------------------------------------------------
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en
check "register + migrate" "[s['code'] for s in d][:2] == ['products.register', 'products.migrateAvailable']"
run 0 migrate "$ACCOUNT" --check --as "$USER";         check "migration available" "d['available'] is True and d['productCount'] == 2"
run 0 products register "$ACCOUNT" "EOS R5" --serial AB-1234 --date 2025-06 --country SE --dealer "Foto Stockholm" --as "$USER"
check "R5 complete" "d['complete'] is True and d['points'] == 300"
run 0 products register "$ACCOUNT" "EOS R8" --serial EF9012 --date 2025-01 --country DE --as "$USER"
check "R8 lacks a dealer" "d['complete'] is False and d['missingFields'] == ['dealer']"
R8=$(py "d['registration']['id']")
run 65 products register "$ACCOUNT" "EOS R8" --serial EF9012 --date 2025-01 --as "$USER"
run 65 products register "$ACCOUNT" "EOS R8" --serial AB --as "$USER"
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en
check "1 product lacks a dealer" "any(s['code'] == 'products.completeMissing' and s['facts']['field'] == 'dealer' for s in d)"
run 0 migrate "$ACCOUNT" --as "$USER";                 check "migrated" "d['migrated'] == 2 and d['complete'] == 1"
LG2=$(py "[i['productID'] for i in d['items'] if not i['complete']][0]")
run 0 migrate "$ACCOUNT" --as "$USER";                 check "idempotent" "d['migrated'] == 0"
run 0 products complete "$ACCOUNT" "$R8" --dealer "Foto Berlin" --as "$USER"; check "R8 complete" "d['complete'] is True"
run 0 points "$ACCOUNT" --as "$USER";                  check "800 points, invited" "d['points'] == 800 and d['invited'] is True"
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en
check "200 more points to Gold" "any(s['code'] == 'points.toLevel' and s['facts']['level'] == 'gold' and s['facts']['missing'] == '200' for s in d)"
check "choose a level" "'levels.choose' in [s['code'] for s in d]"
run 0 products complete "$ACCOUNT" "$LG2" --date 2021 --country SE --dealer "Foto Stockholm" --as "$USER"
run 0 products list "$ACCOUNT" --as "$USER";           check "four products" "len(d) == 4"

# --- Users -------------------------------------------------------------------------------------------
run 0 users add "$ACCOUNT" "Per Berg" per@ljusbild.example --as "$USER"; check "user added" "d['role'] == 'user'"
PER=$(py "d['id']")
run 0 users list "$ACCOUNT" --as "$USER";              check "two users" "len(d) == 2"
run 65 users add "$ACCOUNT" "Eve" eve@example.com --as user-nobody
run 65 purchase "$ACCOUNT" gold card --as "$PER"

# --- Levels, purchase, invoice, payment ------------------------------------------------------------------
run 0 levels "$ACCOUNT" --as "$USER"
check "gold open, platinum closed" "[l['level'] for l in d['individual'] if not l['shortfalls']] == ['silver', 'gold']"
run 65 purchase "$ACCOUNT" platinum card --as "$USER"; check "platinum refused" "d['code'] == 'membership.levelNotOpen'"
run 64 purchase "$ACCOUNT" gold cash --as "$USER"
run 0 purchase "$ACCOUNT" gold bank --as "$USER";      check "new number, old kept" "d['previousNumbers'] == ['OLD77']"
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en;    check "invoice within hours" "d[0]['code'] == 'invoice.awaitIssue'"
export CPS_NOW="2026-11-30T10:00:00+01:00"
run 0 jobs invoices;                                   check "invoice issued" "len(d['issued']) == 1 and d['issued'][0]['dueDay'] == '2026-12-30'"
REF=$(py "d['issued'][0]['reference']"); TOTAL=$(py "d['issued'][0]['total'].split()[0]")
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en
check "pay by bank transfer" "d[0]['code'] == 'invoice.payByBankTransfer' and 'by Wednesday 30 December 2026' in d[0]['text']"
check "RF reference" "d[0]['facts']['reference'] == '$REF'"
run 0 next-steps "$ACCOUNT" --as "$USER" --lang sv;    check "senast (sv)" "'senast onsdag 30 december 2026' in d[0]['text']"
export CPS_NOW="2026-12-31T10:00:00+01:00"
run 0 next-steps "$ACCOUNT" --as "$USER";              check "overdue" "d[0]['code'] == 'invoice.overdue'"
run 0 bank-payment "$TOTAL" EUR "$REF" 2026-12-31;     check "matched" "d['status'] == 'matched'"
run 0 next-steps "$ACCOUNT" --as "$USER" --lang en
check "paid: membership active" "'membership.active' in [s['code'] for s in d] and not any(s['code'].startswith('invoice.') for s in d)"
run 0 bank-payment 10.00 EUR "RF00 NOTHING" 2026-12-31; check "unmatched stays" "d['status'] == 'unmatched'"
run 64 bank-payment 10.00 EUR "$REF" yesterday
run 0 jobs charges;                                    check "no card invoices" "d['charged'] == []"
run 0 jobs follow-up
run 0 jobs mail
run 0 mails --to "$ANNA";                              check "mails to Anna" "len(d) >= 3"
CPS_NOW=nonsense run 64 points "$ACCOUNT" --as "$USER"
run 0 next-steps --help

# --- Bad input from outside (issue 15 item 4): typed errors, documented exit codes, nothing changed -----
# stderr NAME TEXT: the last command's standard error contains TEXT.
stderr() { if grep -qF -- "$2" "$DATA/stderr"; then ok; else bad "$1: stderr lacks \"$2\" ($(head -c 300 "$DATA/stderr"))"; fi; }
run 64 workdays SE 2026-01-01 -9223372036854775808;   stderr "Int.min working days" "too many"
run 64 workdays SE 9999-12-01 100;                     stderr "beyond 9999" "0001–9999"
run 0 workdays SE 2026-11-27 2;                        check "workdays still works" "d['date'] == '2026-12-01'"
for kind in "" nope companyinvoice $'company\nInvoice' $'\xe2\x80\xaecompanyInvoice' "$(head -c 131000 /dev/zero | tr '\0' k)"; do
  run 65 evidence add "$APP" "$kind" "$DATA/invoice.pdf" --as "$ANNA"; check "unknown kind" "d['code'] == 'application.unknownEvidenceKind'"
done
run 64 evidence add "$APP" $'company\xffInvoice' "$DATA/invoice.pdf" --as "$ANNA"; stderr "kind not UTF-8" "not valid UTF-8"
for language in "" x ../../etc $'sv\r\nBcc: eve@example.com'; do
  run 65 users add "$ACCOUNT" "Bo Berg" bo@ljusbild.example --language "$language" --as "$USER"
  check "unsupported language" "d['code'] == 'input.unsupportedLanguage'"
done
run 64 users add "$ACCOUNT" $'Bo \xffBerg' bo@ljusbild.example --as "$USER"; stderr "name not UTF-8" "Argument 4 is not valid UTF-8"
run 0 users list "$ACCOUNT" --as "$USER";              check "still two users" "len(d) == 2"
run 64 products register "$ACCOUNT" "EOS R6" --serial ZZ9999 --dealer $'Foto \xc3(' --as "$USER"
run 64 review info "$APP" $'Skicka \xe2\x82 mer' --reviewer r1
run 0 products list "$ACCOUNT" --as "$USER";           check "still four products" "len(d) == 4"
OUT=$(sed 's/Ljusbild Foto AB/Ljus\xffbild AB/; s/anna@/ny@/; s/556677889901/999999999901/' "$DATA/form.json" | "$CPS" apply - --json 2>"$DATA/stderr"); RC=$?
[ "$RC" -eq 64 ] && ok || bad "a form on standard input that is not UTF-8 exited $RC, expected 64"; stderr "stdin form" "not valid UTF-8"
run 64 review queue --reviewer --data-dir "$DATA/other"; stderr "option as value" "found the option --data-dir"
[ ! -e "$DATA/other" ] && ok || bad "--data-dir was taken as an option after --reviewer's missing value"
run 64 mails --json=1;                                 stderr "--json=1" "takes no value"
run 64 mails --data-dir "";                            stderr "empty data dir" "--data-dir needs a path"
CPS_NOW=2026-11-27T10:00:00+24:00 run 64 mails;        stderr "offset +24:00" "CPS_NOW"
run 74 mails --data-dir /dev/null;                     check "/dev/null" "d['code'] == 'cli.notDirectory' and 'is not a directory' in d['message']"
OUT=$("$CPS" vat -h 2>"$DATA/stderr"); RC=$?
[ "$RC" -eq 0 ] && [[ "$OUT" == "Usage: cps vat"* ]] && ok || bad "cps vat -h is not help (exit $RC)"
CPS_DATA_DIR="$DATA/v0" run 0 mails
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[8:12]=bytes(4); open(p,'wb').write(b)" "$DATA/v0/store/journal"
CPS_DATA_DIR="$DATA/v0" run 74 mails;                  check "format version 0" "d['code'] == 'storage.corrupt' and 'damaged' in d['message'] and 'newer' not in d['message']"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
