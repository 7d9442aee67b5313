#!/usr/bin/env python3
"""R-HOST-1, R-HOST-2: the seed's whole journey through a running CPS portal in a real browser.

Debian's Chromium, headless, driven by Selenium (pinned in Scripts/portal-tests.sh) through the
system chromedriver, in Swedish: apply with an uploaded PDF, the reviewer back office (sign in,
record what the document shows, approve), the development mailbox and the mailed password link,
the password, sign-in, "Mina produkter" (register, complete it with "Visa produkt", the green tick),
MIGRERA PRODUKTER, "Tillgängliga CPS-nivåer" with the switch ON and OFF, a card purchase, and the
invoice with its PDF (200, application/pdf).

Every step leaves a numbered screenshot in --screenshots DIR (printed). The browser's console log
and its performance log are read after every step: any console error (SEVERE) or any HTTP response
of 500 or more fails the journey. With --base-url given twice, every page the journey opens by
address goes to the other portal than the one before (two processes on one database); the links
and forms followed from a page stay on its portal; give both on the same host name (127.0.0.1 with two ports),
since cookies are scoped by host, not by port.

The portal must run with --dev-mailbox; the reviewer's credentials come from --reviewer-email and
--reviewer-password, or from the portal's output (--portal-log FILE, the "development reviewer:"
line). MIGRERA PRODUKTER needs the old CPS account of --old-cps-email in the portal's legacy
directory (`<data-dir>/legacy-cps.json`; Scripts/portal-tests.sh writes it). Exit status 0 when the
whole journey passed, 1 otherwise.

  python3 Scripts/portal-browser.py --base-url http://127.0.0.1:8080 --portal-log portal.log \
      --screenshots /tmp/shots
"""

import argparse
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


class JourneyFailed(Exception):
    pass


class Journey:
    def __init__(self, options):
        self.options = options
        self.bases = [base.rstrip("/") for base in options.base_url]
        self.step = 0
        self.opens = 0
        self.current = self.bases[0]
        self.screenshots = options.screenshots
        os.makedirs(self.screenshots, exist_ok=True)
        chrome = webdriver.ChromeOptions()
        chrome.binary_location = options.chromium
        for argument in ["--headless=new", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100",
                         "--lang=sv-SE", "--no-first-run", "--disable-extensions"]:
            chrome.add_argument(argument)
        if os.geteuid() == 0:
            chrome.add_argument("--no-sandbox")
        chrome.add_experimental_option("prefs", {"intl.accept_languages": "sv-SE,sv"})
        chrome.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=options.chromedriver), options=chrome)
        self.driver.set_page_load_timeout(30)

    # -- navigation and checks

    def base(self):
        """The portal of the page opened last (links and forms followed from it stay there)."""
        return self.current

    def open(self, path):
        """Opens `path` on the next portal in turn (with two --base-url, every other page opened by
        address goes to the other one)."""
        self.current = self.bases[self.opens % len(self.bases)]
        self.opens += 1
        self.driver.get(self.current + path)

    def done(self, name):
        """Ends a step: its screenshot, then the console and network checks; the next step may use
        the other portal."""
        self.step += 1
        file = os.path.join(self.screenshots, "%02d-%s.png" % (self.step, name))
        self.driver.save_screenshot(file)
        self.check_logs(name)
        print("  %02d %-22s %s" % (self.step, name, self.driver.current_url), flush=True)

    def check_logs(self, name):
        problems = []
        for entry in self.driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                problems.append("console error: %s" % entry.get("message"))
        for entry in self.driver.get_log("performance"):
            try:
                message = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            if message.get("method") != "Network.responseReceived":
                continue
            response = message.get("params", {}).get("response", {})
            if int(response.get("status", 0)) >= 500:
                problems.append("HTTP %s from %s" % (response.get("status"), response.get("url")))
        if problems:
            raise JourneyFailed("step %s: %s" % (name, "; ".join(problems)))

    def find(self, css):
        try:
            return self.driver.find_element(By.CSS_SELECTOR, css)
        except NoSuchElementException:
            raise JourneyFailed("no %s on %s:\n%s" % (css, self.driver.current_url, self.text()[:1500]))

    def text(self):
        for _ in range(50):
            try:
                return self.driver.find_element(By.TAG_NAME, "body").text
            except (StaleElementReferenceException, NoSuchElementException):
                time.sleep(0.1)  # the page is being replaced after a click
        return ""

    def expect(self, needle, what, seconds=10):
        """Waits up to `seconds` for `needle` on the page (a submitted form is still loading)."""
        deadline = time.time() + seconds
        while needle not in self.text() and time.time() < deadline:
            time.sleep(0.1)
        if needle not in self.text():
            raise JourneyFailed("%s: %r not on %s:\n%s" % (what, needle, self.driver.current_url, self.text()[:1500]))

    def fill(self, fields):
        for name, value in fields.items():
            element = self.find("#" + name)
            element.clear()
            element.send_keys(value)

    def submit(self, form_css="main form"):
        self.find(form_css + " button[type=submit]").click()

    def button(self, label):
        for element in self.driver.find_elements(By.CSS_SELECTOR, "main button[type=submit]"):
            if element.text.strip() == label:
                return element
        raise JourneyFailed("no button %r on %s:\n%s" % (label, self.driver.current_url, self.text()[:1500]))

    def link(self, label):
        for element in self.driver.find_elements(By.CSS_SELECTOR, "main a"):
            if element.text.strip() == label:
                return element
        raise JourneyFailed("no link %r on %s:\n%s" % (label, self.driver.current_url, self.text()[:1500]))

    def poll(self, path, condition, what, seconds=30):
        deadline = time.time() + seconds
        while True:
            self.open(path)
            found = condition()
            if found:
                return found
            if time.time() > deadline:
                raise JourneyFailed("%s within %d s:\n%s" % (what, seconds, self.text()[:1500]))
            time.sleep(1)

    def sign_out_everyone(self):
        self.driver.delete_all_cookies()

    def fetch(self, url):
        """`url` with this browser's cookies, outside the browser (a download would not be seen)."""
        cookies = "; ".join("%s=%s" % (cookie["name"], cookie["value"]) for cookie in self.driver.get_cookies())
        request = urllib.request.Request(url, headers={"Cookie": cookies, "Accept-Language": "sv"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    # -- the journey

    def run(self):
        options = self.options
        pdf = os.path.join(tempfile.mkdtemp(prefix="cps-browser-"), "faktura.pdf")
        with open(pdf, "wb") as file:
            file.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

        # 1. The application in Swedish, with the evidence upload.
        self.open("/apply")
        if 'lang="sv"' not in self.driver.page_source:
            self.driver.find_element(By.CSS_SELECTOR, "a[lang=sv]").click()
        self.expect("Ansök om ett företagskonto", "the application in Swedish")
        self.fill({"companyName": options.company, "street": "Storgatan 12", "postalCode": "111 22", "city": "Stockholm",
                   "country": "SE", "vatNumber": options.vat, "contactName": "Anna Lind", "email": options.email,
                   "role": "VD", "oldCPSEmail": options.old_cps_email})
        self.find("#attests").click()
        self.find("#evidence").send_keys(pdf)
        self.done("apply")
        self.submit()
        self.expect(options.company, "the application's status")
        self.done("application-status")

        # 2. The back office: the reviewer signs in, records what the document shows, approves.
        self.sign_out_everyone()
        self.open("/review/sign-in")
        self.fill({"email": options.reviewer_email, "password": options.reviewer_password})
        self.done("reviewer-sign-in")
        self.submit()
        self.expect("Ansökningar att granska", "the review queue")
        self.done("review-queue")
        rows = [row for row in self.driver.find_elements(By.CSS_SELECTOR, "main tbody tr") if options.company in row.text]
        if not rows:
            raise JourneyFailed("the application is not in the queue:\n" + self.text())
        rows[0].find_element(By.CSS_SELECTOR, "a").click()
        application = self.driver.current_url.split("/review/applications/")[1]
        company_field = self.find("input[id^=companyName-]")
        company_field.send_keys(options.company)
        self.find("input[id^=vatNumber-]").send_keys(options.vat)
        self.find("main ul.documents form button[type=submit]").click()
        self.open("/review/applications/" + application)
        self.done("review-application")
        self.button("Godkänn").click()
        self.expect("Ansökningar att granska", "back to the queue after approving")
        self.done("approved")

        # 3. The mailed password link, from the development mailbox.
        self.sign_out_everyone()

        def password_link():
            for element in self.driver.find_elements(By.CSS_SELECTOR, "ol.mailbox > li"):
                if options.email in element.text:
                    for anchor in element.find_elements(By.CSS_SELECTOR, "a"):
                        if "/set-password?token=" in (anchor.get_attribute("href") or ""):
                            return anchor
            return None
        link = self.poll("/dev/mailbox", password_link, "the password mail was not delivered")
        self.done("mailbox")
        href = link.get_attribute("href")
        if href.startswith(self.base()):
            link.click()
        else:  # mailed by the other portal: the same link on the next portal in turn
            self.open(href[href.index("/set-password"):])
        self.expect("Välj ditt lösenord", "the password page")
        self.fill({"password": options.password})
        self.done("set-password")
        self.submit()
        self.expect("Lösenordet är sparat", "the password saved")
        self.done("password-saved")

        # 4. Sign in.
        self.open("/sign-in")
        self.fill({"email": options.email, "password": options.password})
        self.submit()
        self.expect("Nästa steg", "the account home")
        self.done("home")

        # 5. My products: register one with its serial only, complete it with "View product".
        self.open("/products")
        self.fill({"model": "EOS R5", "serialNumber": options.serial})
        self.find("form[action='/products'] button[type=submit]").click()
        self.expect("Produkten är registrerad", "the registration")
        self.expect("Saknas:", "the incomplete registration")
        self.done("product-registered")
        self.link("Visa produkt").click()
        self.fill({"purchaseDate": "2025-06", "countryOfPurchase": "SE", "dealer": "Foto Stockholm"})
        self.submit("main form[action^='/products/']")
        self.expect("Uppgifterna är sparade", "the completed product")
        self.done("product-completed")
        self.open("/products")
        if not self.driver.find_elements(By.CSS_SELECTOR, "main tbody span.open"):
            raise JourneyFailed("no green tick on My products:\n" + self.text())
        self.done("green-tick")

        # 6. MIGRATE PRODUCTS from the old CPS account.
        self.open("/products")
        self.button("MIGRERA PRODUKTER").click()
        self.expect("flyttades från ditt gamla CPS-konto", "the migration")
        self.done("migrated")

        # 7. Available CPS levels with the business switch ON, then OFF.
        self.open("/levels")
        self.expect("Tillgängliga CPS-nivåer", "the levels page")
        self.done("levels")
        switch = self.find("p.switch a")
        if switch.get_attribute("aria-pressed") != "false":
            raise JourneyFailed("the switch does not start OFF")
        switch.click()
        if self.find("p.switch a").get_attribute("aria-pressed") != "true":
            raise JourneyFailed("the switch did not turn ON")
        self.done("levels-switch-on")
        self.open("/levels?business=on")
        self.find("p.switch a").click()
        if self.find("p.switch a").get_attribute("aria-pressed") != "false":
            raise JourneyFailed("the switch did not turn OFF")
        self.done("levels-switch-off")

        # 8. A card purchase.
        self.open("/purchase")
        self.find("#card").click()
        self.find("#terms").click()
        self.done("purchase")
        self.submit()
        self.expect("Du är medlem", "the purchase")
        self.done("purchased")

        # 9. The invoice (issued by the portal's jobs) and its PDF.
        self.poll("/invoices", lambda: self.driver.find_elements(By.CSS_SELECTOR, "main tbody tr"), "no invoice was issued", 60)
        self.done("invoices")
        pdf_link = self.link("PDF").get_attribute("href")
        status, content_type, body = self.fetch(pdf_link)
        if status != 200 or not content_type.startswith("application/pdf") or not body.startswith(b"%PDF"):
            raise JourneyFailed("the invoice PDF %s answered %s %s" % (pdf_link, status, content_type))
        print("  the invoice PDF: %d bytes, %s" % (len(body), content_type))


def reviewer_from_log(path, deadline=30):
    end = time.time() + deadline
    pattern = re.compile(r"development reviewer: (\S+) / (\S+)")
    while time.time() < end:
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as file:
                found = pattern.findall(file.read())
            if found:
                return found[-1]
        time.sleep(0.5)
    raise JourneyFailed("no 'development reviewer:' line in %s (start the portal with --dev-mailbox)" % path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", action="append", help="a portal's address; twice: alternate between two")
    parser.add_argument("--screenshots", default=None, help="the directory of the numbered screenshots")
    parser.add_argument("--reviewer-email")
    parser.add_argument("--reviewer-password")
    parser.add_argument("--portal-log", help="the portal's output, for the development reviewer's credentials")
    parser.add_argument("--email", default="anna@ljusbild.example")
    parser.add_argument("--password", default="Ljus-och-bild-2026")
    parser.add_argument("--company", default="Ljusbild Foto AB")
    parser.add_argument("--vat", default="SE556677889901")
    parser.add_argument("--serial", default="AB-1234")
    parser.add_argument("--old-cps-email", default="anna@gamla-cps.example")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    options = parser.parse_args()
    options.base_url = options.base_url or ["http://127.0.0.1:8080"]
    options.screenshots = options.screenshots or tempfile.mkdtemp(prefix="cps-portal-screenshots-")
    try:
        if not (options.reviewer_email and options.reviewer_password):
            if not options.portal_log:
                raise JourneyFailed("give --reviewer-email and --reviewer-password, or --portal-log")
            options.reviewer_email, options.reviewer_password = reviewer_from_log(options.portal_log)
        print("browser journey on %s; screenshots in %s" % (", ".join(options.base_url), options.screenshots), flush=True)
        journey = Journey(options)
        try:
            journey.run()
        finally:
            journey.driver.quit()
    except JourneyFailed as failure:
        print("browser journey FAILED: %s" % failure, file=sys.stderr)
        print("screenshots in %s" % options.screenshots, file=sys.stderr)
        return 1
    print("browser journey passed: %d steps; screenshots in %s" % (journey.step, options.screenshots))
    return 0


if __name__ == "__main__":
    sys.exit(main())
