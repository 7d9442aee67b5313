#!/usr/bin/env python3
"""The two-instance client of Scripts/portal-scale-out.sh (R-HOST-1, issue 21 item 6).

Python 3 standard library only. Every request goes to the next of the --base-url instances in
turn, so each account's journey — apply with an uploaded PDF, the back office as the development
reviewer (queue, evidence download, visible fields, approve), the password from the mailed link,
sign-in, two products and a card purchase (pages) and a bank-transfer purchase (API, with an
Idempotency-Key sent to both instances at once) — runs across both processes, for --accounts
accounts concurrently, while --load-threads threads send reads to both. Then it waits until the
jobs have issued every invoice, charged every card invoice and delivered every mail, and checks
the database with psql (libpq's PG* variables): exactly one successful charge per due card
invoice and no second attempt, gap-free invoice and credit-note numbers, one outbox mail per state
change and one maildir file per delivered mail, and that each instance's development mailbox shows
every account's mail (one shared maildir). Exits 1 on any violation, printing each.
"""
import argparse
import concurrent.futures
import email
import email.policy
import html
import http.client
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

PDF = b"%PDF-1.4\n% cps scale-out evidence\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


class Failure(Exception):
    """A violation of what the check expects."""


class Instances:
    """The portal instances, taken in turn (thread-safe)."""

    def __init__(self, urls):
        self.urls = [urllib.parse.urlsplit(url) for url in urls]
        self.lock = threading.Lock()
        self.turn = 0
        self.counts = [0] * len(urls)

    def next(self):
        with self.lock:
            index = self.turn % len(self.urls)
            self.turn += 1
            self.counts[index] += 1
            return index, self.urls[index]


class Client:
    """A browser without a browser: its own cookies, the CSRF token of the last page, no redirects
    followed (the 303s are checked), each request to the next instance."""

    def __init__(self, instances, language="sv"):
        self.instances = instances
        self.cookies = {}
        self.language = language
        self.last_page = ""

    def request(self, method, path, body=None, headers=None, expect=None, keep_page=True):
        index, url = self.instances.next()
        all_headers = {"Accept-Language": self.language}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in sorted(self.cookies.items()))
        all_headers.update(headers or {})
        for attempt in range(3):
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
            try:
                connection.request(method, path, body=body, headers=all_headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException, TimeoutError) as error:
                if attempt == 2:
                    raise Failure(f"{method} {path} on instance {index + 1}: {error!r}")
                time.sleep(0.2)
            finally:
                connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if cookie == "" or "max-age=0" in value.lower():
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = cookie.strip()
        text = data.decode("utf-8", "replace")
        if response.status >= 500:
            raise Failure(f"{method} {path} on instance {index + 1}: HTTP {response.status}: {text[:300]}")
        if expect is not None and response.status not in (expect if isinstance(expect, tuple) else (expect,)):
            alert = re.search(r'role="alert">(.*?)</', text, re.S)
            said = f"the page says: {html.unescape(alert.group(1)).strip()}" if alert else text[:400]
            raise Failure(f"{method} {path} on instance {index + 1}: HTTP {response.status}, expected {expect}: {said}")
        if keep_page and "text/html" in (response.getheader("Content-Type") or ""):
            self.last_page = text
        return response.status, response.getheader("Location"), text, data

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def csrf(self):
        found = re.search(r'name="csrf" value="([^"]+)"', self.last_page)
        if not found:
            raise Failure("the page has no CSRF token")
        return found.group(1)

    def post_form(self, path, fields, csrf=True, **kwargs):
        fields = list(fields) + ([("csrf", self.csrf())] if csrf else [])
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"}, **kwargs)

    def post_multipart(self, path, fields, file_field, file_name, file_type, file_bytes, **kwargs):
        boundary = "cps" + uuid.uuid4().hex
        parts = []
        for name, value in list(fields) + [("csrf", self.csrf())]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
                     f"Content-Type: {file_type}\r\n\r\n".encode() + file_bytes + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, body=b"".join(parts),
                            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}, **kwargs)

    def api(self, method, path, token, payload=None, key=None, expect=None):
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload).encode()
        if key:
            headers["Idempotency-Key"] = key
        status, _, text, _ = self.request(method, path, body=body, headers=headers, expect=expect, keep_page=False)
        return status, (json.loads(text) if text.strip() else None)


def luhn_digit(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def swedish_vat(run, index):
    """A Swedish VAT number with a valid organisation number (Luhn), unique in this run."""
    body = f"55{run:04d}{index:03d}"[:9]
    return "SE" + body + luhn_digit(body) + "01"


def mail_files(maildir):
    found = []
    for sub in ("new", "cur"):
        directory = os.path.join(maildir, sub)
        if os.path.isdir(directory):
            found += [os.path.join(directory, name) for name in os.listdir(directory)]
    return found


def read_mail(path):
    with open(path, "rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default)


def password_link(maildir, address, deadline):
    """The set-password link mailed to `address` (waits for the jobs to deliver it)."""
    while time.time() < deadline:
        for path in mail_files(maildir):
            try:
                message = read_mail(path)
            except OSError:
                continue
            if address not in str(message.get("To", "")):
                continue
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    found = re.search(r"(https?://[^\s<>\"]+/set-password\?token=[A-Za-z0-9_\-%.~]+)", part.get_content())
                    if found:
                        return found.group(1)
        time.sleep(0.3)
    raise Failure(f"no password mail to {address} within the wait")


class Reviewer:
    """The development reviewer's back-office session, shared by the account threads."""

    def __init__(self, instances, email_address, password):
        self.client = Client(instances, language="sv")
        self.lock = threading.Lock()
        self.client.get("/review/sign-in", expect=200)
        status, location, _, _ = self.client.post_form("/review/sign-in", [("email", email_address), ("password", password)], expect=303)
        if location != "/review":
            raise Failure(f"the reviewer's sign-in went to {location}")
        self.cookies = dict(self.client.cookies)

    def session(self):
        client = Client(self.client.instances, language="sv")
        client.cookies = dict(self.cookies)
        return client

    def approve(self, company, vat, evidence):
        client = self.session()
        application = None
        for page in range(0, 40):
            _, _, text, _ = client.get(f"/review?page={page}", expect=200)
            rows = re.findall(r"<tr><td>([^<]*)</td>.*?href=\"/review/applications/([^\"]+)\"", text, re.S)
            for name, identifier in rows:
                if name == company:
                    application = identifier
            if application or f"/review?page={page + 1}" not in text:
                break
        if not application:
            raise Failure(f"{company} is not in the review queue")
        base = f"/review/applications/{application}"
        _, _, detail, _ = client.get(base, expect=200)
        documents = sorted(set(re.findall(re.escape(base) + r"/documents/([^\"/]+)\"", detail)))
        if len(documents) != 1:
            raise Failure(f"{company}: {len(documents)} evidence documents on the review page")
        document = documents[0]
        _, _, _, downloaded = client.get(f"{base}/documents/{document}", expect=200)
        if downloaded != evidence:
            raise Failure(f"{company}: the evidence downloaded from the other instance is not the uploaded file")
        client.get(base, expect=200)
        client.post_form(f"{base}/documents/{document}/fields",
                         [(f"companyName-{document}", company), (f"vatNumber-{document}", vat)], expect=303)
        client.get(base, expect=200)
        _, location, _, _ = client.post_form(f"{base}/approve", [], expect=303)
        if location != "/review":
            raise Failure(f"{company}: approving went to {location}")
        return application


def journey(index, run, instances, reviewer, maildir, tokens, wait_seconds):
    company = f"Skalbar Bild {run}-{index} AB"
    vat = swedish_vat(run, index)
    address = f"superuser-{run}-{index}@scale.example"
    password = f"Skala-ut-{run}-{index}!"
    browser = Client(instances, language="sv")
    browser.get("/apply", expect=200)
    fields = [("companyName", company), ("street", "Storgatan 12"), ("postalCode", "111 22"), ("city", "Stockholm"),
              ("country", "SE"), ("vatNumber", vat), ("contactName", f"Anna {index}"), ("email", address),
              ("role", "VD"), ("attests", "on"), ("evidenceKind", "companyInvoice")]
    evidence = PDF + f"% {company}\n".encode()
    _, location, _, _ = browser.post_multipart("/apply", fields, "evidence", "faktura.pdf", "application/pdf", evidence, expect=303)
    if location != "/application":
        raise Failure(f"{company}: applying went to {location}")
    _, _, text, _ = browser.get("/application", expect=200)
    if company not in text:
        raise Failure(f"{company}: the application page (other instance) does not show the company")

    reviewer.approve(company, vat, evidence)

    link = password_link(maildir, address, time.time() + wait_seconds)
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)["token"][0]
    # The link names the instance that composed the mail; the next request goes to the next instance.
    _, _, text, _ = browser.get("/set-password?token=" + urllib.parse.quote(token), expect=200)
    browser.post_form("/set-password", [("token", token), ("password", password)], csrf=False, expect=200)

    browser.get("/sign-in", expect=200)
    _, location, _, _ = browser.post_form("/sign-in", [("email", address), ("password", password)], expect=303)
    browser.get("/", expect=200)

    api = Client(instances)
    issued = api.request("POST", "/api/v1/tokens", body=json.dumps({"email": address, "password": password}).encode(),
                         headers={"Content-Type": "application/json"}, expect=(200, 201), keep_page=False)[2]
    bearer = json.loads(issued)["token"]
    tokens.append(bearer)
    for model, serial, key in [("EOS R5", f"SO{run}{index:03d}A", f"product-{run}-{index}-a"),
                               ("RF 24-70mm F2.8 L IS USM", f"SO{run}{index:03d}B", f"product-{run}-{index}-b")]:
        product = {"model": model, "serialNumber": serial, "purchaseDate": "2025-06", "countryOfPurchase": "SE", "dealer": "Foto Stockholm"}
        first = api.api("POST", "/api/v1/products", bearer, product, key=key, expect=(200, 201))[1]
        again = api.api("POST", "/api/v1/products", bearer, product, key=key, expect=(200, 201))[1]
        if first.get("id") != again.get("id"):
            raise Failure(f"{company}: one Idempotency-Key registered two products on two instances")
    levels = api.api("GET", "/api/v1/levels", bearer, expect=200)[1]
    silver = [level for level in levels.get("levels", []) if level.get("level") == "silver"]
    if levels.get("points") != 500 or not silver or silver[0].get("open") is not True:
        raise Failure(f"{company}: 500 points and Silver open expected, got {levels}")

    # The card purchase through the page form.
    _, _, page, _ = browser.get("/purchase", expect=200)
    terms = re.search(r'name="terms" value="([^"]+)"', page)
    key = re.search(r'name="idempotencyKey" value="([^"]+)"', page)
    if not terms or not key:
        raise Failure(f"{company}: the purchase page has no terms or idempotency key")
    browser.post_form("/purchase", [("level", "silver"), ("method", "card"), ("terms", terms.group(1)),
                                    ("idempotencyKey", key.group(1))], expect=(200, 303))
    # The bank-transfer purchase (an early renewal) through the API, the same key to both instances at once.
    purchase = {"level": "silver", "paymentMethod": "bankTransfer", "termsVersion": terms.group(1)}
    purchase_key = f"order-{run}-{index}-bank"
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pair:
        answers = list(pair.map(lambda _: Client(instances).api("POST", "/api/v1/purchases", bearer, purchase, key=purchase_key,
                                                                expect=(201, 409)), range(2)))
    numbers = {answer[1].get("membershipNumber") for answer in answers if answer[0] == 201}
    if len(numbers) != 1:
        raise Failure(f"{company}: one Idempotency-Key on two instances gave {answers}")
    return {"company": company, "email": address}


def load(instances, tokens, stop, stats, lock):
    """Reads on both instances until `stop`: public pages, and the API with the accounts' tokens."""
    client = Client(instances)
    paths = ["/health", "/apply", "/openapi.json", "/sign-in"]
    while not stop.is_set():
        try:
            if tokens and random.random() < 0.6:
                token = random.choice(tokens)
                path = random.choice(["/api/v1/levels", "/api/v1/invoices", "/api/v1/account"])
                status = client.request("GET", path, headers={"Authorization": f"Bearer {token}"}, keep_page=False)[0]
            else:
                status = client.request("GET", random.choice(paths), keep_page=False)[0]
            with lock:
                stats["requests"] += 1
                if status >= 400:
                    stats["refused"] += 1
        except Failure as failure:
            with lock:
                stats["requests"] += 1
                stats["errors"].append(str(failure))


def psql(query):
    output = subprocess.run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query],
                            check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in output.strip().splitlines() if line]


def verify(schema, maildir, accounts, violations):
    table = f'"{schema}".cps_records'
    doc = "convert_from(payload, 'UTF8')::jsonb"

    def rows(kind, *fields):
        select = ", ".join(f"{doc}->>'{field}'" if "." not in field else f"{doc}#>>'{{{field.replace('.', ',')}}}'" for field in fields)
        return psql(f"SELECT {select} FROM {table} WHERE kind = '{kind}' ORDER BY seq")

    summary = {}
    accounts_rows = rows("account", "id")
    summary["accounts"] = len(accounts_rows)
    if len(accounts_rows) < accounts:
        violations.append(f"{len(accounts_rows)} accounts in the database, at least {accounts} approved")
    invoices = rows("invoice", "id", "number", "series", "paymentMethod", "status")
    summary["invoices"] = len(invoices)
    purchases = rows("membership-purchase", "id")
    if len(invoices) != len(purchases):
        violations.append(f"{len(purchases)} purchases but {len(invoices)} invoices")
    if len(purchases) < 2 * accounts:
        violations.append(f"{len(purchases)} purchases for {accounts} accounts (one card, one bank transfer each)")
    # Gap-free numbers per series: 1…n, each once.
    for series in sorted({row[2] for row in invoices}):
        numbers = sorted(int(row[1].rsplit("-", 1)[1]) for row in invoices if row[2] == series)
        if numbers != list(range(1, len(numbers) + 1)):
            violations.append(f"invoice series {series} is not gap-free: {numbers}")
    credit_notes = rows("credit-note", "number")
    summary["credit notes"] = len(credit_notes)
    by_prefix = {}
    for (number,) in credit_notes:
        prefix, _, sequence = number.rpartition("-")
        by_prefix.setdefault(prefix, []).append(int(sequence))
    for prefix, numbers in by_prefix.items():
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            violations.append(f"credit-note series {prefix} is not gap-free: {sorted(numbers)}")
    # One successful charge per due card invoice, and no second attempt on any.
    card = [row for row in invoices if row[3] == "card"]
    attempts = rows("charge-attempt", "invoiceID", "outcome", "attemptNumber")
    summary["card invoices"] = len(card)
    summary["charge attempts"] = len(attempts)
    for invoice_id, number, _, _, status in card:
        mine = [row for row in attempts if row[0] == invoice_id]
        succeeded = [row for row in mine if row[1] == "succeeded"]
        if len(succeeded) != 1 or len(mine) != 1:
            violations.append(f"card invoice {number}: {len(succeeded)} successful charges in {len(mine)} attempts (expected 1 of 1)")
        if status != "paid":
            violations.append(f"card invoice {number} is {status}, not paid")
    bank = [row for row in invoices if row[3] == "bankTransfer"]
    summary["bank-transfer invoices"] = len(bank)
    if len(card) < accounts or len(bank) < accounts:
        violations.append(f"{len(card)} card and {len(bank)} bank-transfer invoices for {accounts} accounts")
    for row in bank:
        if row[4] != "open":
            violations.append(f"bank-transfer invoice {row[1]} is {row[4]} (no payment was recorded)")
    # One outbox mail per state change: per template and recipient, and one per invoice.
    outbox = rows("outbox", "id", "status", "message.template", "invoiceID", "message.to")
    summary["outbox mails"] = len(outbox)
    pending = [row for row in outbox if row[1] != "delivered"]
    if pending:
        violations.append(f"{len(pending)} outbox mails not delivered: {pending[:3]}")
    per_invoice = {}
    for row in outbox:
        if row[3]:
            per_invoice.setdefault(row[3], []).append(row[2])
    for invoice_id, number, _, method, _ in invoices:
        sent = per_invoice.get(invoice_id, [])
        if len(sent) != 1:
            violations.append(f"invoice {number}: {len(sent)} invoice mails (expected 1)")
    templates = {}
    for row in outbox:
        templates.setdefault(row[2], 0)
        templates[row[2]] += 1
    summary["mails by template"] = templates
    per_recipient = {}
    for row in outbox:
        if not row[3]:
            per_recipient.setdefault((row[2], row[4]), 0)
            per_recipient[(row[2], row[4])] += 1
    doubled = {key: count for key, count in per_recipient.items() if count != 1}
    if doubled:
        violations.append(f"mails sent more than once for one change (template, recipient): {list(doubled.items())[:5]}")
    # Per account: the receipt of its application, the approval ("account ready") and the invitation
    # with the password link — each exactly once although both instances ran the dispatcher.
    applications = len(rows("application", "id"))
    for template, expected, what in [("applicationReceived", applications, "applications"),
                                     ("accountReady", len(accounts_rows), "approved accounts"),
                                     ("invitation", len(accounts_rows), "approved accounts")]:
        if templates.get(template, 0) != expected:
            violations.append(f"{templates.get(template, 0)} {template} mails for {expected} {what}")
    # Every delivered mail is in the shared maildir exactly once (by its Message-ID).
    ids = {}
    for path in mail_files(maildir):
        message_id = str(read_mail(path).get("Message-ID", "")).strip()
        ids[message_id] = ids.get(message_id, 0) + 1
    summary["maildir files"] = sum(ids.values())
    twice = [key for key, count in ids.items() if count > 1]
    if twice:
        violations.append(f"{len(twice)} mails delivered more than once to the maildir: {twice[:3]}")
    delivered = sum(1 for row in outbox if row[1] == "delivered")
    if sum(ids.values()) != delivered:
        violations.append(f"{sum(ids.values())} maildir files for {delivered} delivered outbox mails")
    return summary


def settled(schema):
    """Whether the jobs are done: no purchase awaiting its invoice, no open card invoice, no pending mail."""
    table = f'"{schema}".cps_records'
    doc = "convert_from(payload, 'UTF8')::jsonb"
    counts = psql(f"""
        SELECT (SELECT count(*) FROM {table} p WHERE p.kind = 'membership-purchase'
                   AND NOT EXISTS (SELECT 1 FROM {table} i WHERE i.kind = 'invoice'
                                   AND convert_from(i.payload, 'UTF8')::jsonb->>'purchaseID' = p.id)),
               (SELECT count(*) FROM {table} WHERE kind = 'invoice' AND {doc}->>'paymentMethod' = 'card' AND {doc}->>'status' = 'open'),
               (SELECT count(*) FROM {table} WHERE kind = 'outbox' AND {doc}->>'status' = 'pending')""")[0]
    return [int(value) for value in counts]


def run_journeys(options):
    instances = Instances(options.base_url)
    run = random.randint(1000, 9999)
    started = time.time()
    violations = []
    tokens = []
    stop = threading.Event()
    stats = {"requests": 0, "refused": 0, "errors": []}
    lock = threading.Lock()
    loaders = [threading.Thread(target=load, args=(instances, tokens, stop, stats, lock), daemon=True)
               for _ in range(options.load_threads)]
    for thread in loaders:
        thread.start()
    done = 0
    try:
        reviewer = Reviewer(instances, options.reviewer_email, options.reviewer_password)
        with concurrent.futures.ThreadPoolExecutor(max_workers=options.concurrency) as pool:
            futures = [pool.submit(journey, index, run, instances, reviewer, options.maildir, tokens, options.wait)
                       for index in range(options.accounts)]
            addresses = []
            for future in concurrent.futures.as_completed(futures):
                try:
                    addresses.append(future.result()["email"])
                    done += 1
                except Failure as failure:
                    violations.append(f"journey: {failure}")
        # The shared maildir: each instance's development mailbox shows every account's mail.
        for index in range(len(instances.urls)):
            _, _, text, _ = Client(Instances([instances.urls[index].geturl()])).get("/dev/mailbox", expect=200)
            missing = [address for address in addresses if address not in text]
            if missing:
                violations.append(f"the development mailbox of instance {index + 1} lacks the mail of {missing[:3]}")
    except Failure as failure:
        violations.append(f"journeys: {failure}")
    finally:
        stop.set()
        for thread in loaders:
            thread.join(timeout=70)
    elapsed = time.time() - started
    print(f"scale-out: {done} of {options.accounts} journeys done in {elapsed:.1f} s, {options.concurrency} at a time; "
          f"requests per instance {instances.counts}")
    print(f"scale-out: load: {stats['requests']} reads on both instances ({stats['requests'] / max(elapsed, 0.001):.0f}/s, "
          f"{stats['refused']} answered 4xx), {len(stats['errors'])} errors")
    for error in stats["errors"][:5]:
        violations.append(f"load: {error}")
    return violations


def run_verify(options):
    violations = []
    deadline = time.time() + options.wait
    remaining = settled(options.schema)
    while any(remaining) and time.time() < deadline:
        time.sleep(0.5)
        remaining = settled(options.schema)
    if any(remaining):
        violations.append(f"the jobs did not settle within {options.wait:.0f} s: purchases without invoice, open card invoices, "
                          f"pending mails = {remaining}")
    summary = verify(options.schema, options.maildir, options.accounts, violations)
    for key, value in summary.items():
        print(f"scale-out: {key}: {value}")
    return violations


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    journeys = commands.add_parser("journeys", help="the accounts' journeys and the load, alternating between the instances")
    journeys.add_argument("--base-url", action="append", required=True)
    journeys.add_argument("--reviewer-email", required=True)
    journeys.add_argument("--reviewer-password", required=True)
    journeys.add_argument("--concurrency", type=int, default=6)
    journeys.add_argument("--load-threads", type=int, default=4)
    checks = commands.add_parser("verify", help="wait for the jobs, then check the database (psql, PG* variables) and the maildir")
    checks.add_argument("--schema", default="cps")
    for command in (journeys, checks):
        command.add_argument("--maildir", required=True)
        command.add_argument("--accounts", type=int, default=12, help="accounts through the journey (verify: at least these)")
        command.add_argument("--wait", type=float, default=120, help="seconds to wait for a mail or for the jobs to settle")
    options = parser.parse_args()
    started = time.time()
    violations = run_journeys(options) if options.command == "journeys" else run_verify(options)
    if violations:
        for violation in violations:
            print(f"VIOLATION: {violation}")
        return 1
    print(f"scale-out: {options.command}: every check held ({time.time() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
