#!/usr/bin/env python3
"""Differential test of `cps vat` against python-stdnum 2.2 (R-VAT-1).

Generates a fixed (seeded) set of inputs: valid numbers of every supported country, built by
trying check characters until python-stdnum accepts them, plus systematic mutations and spellings
(changed digit, swapped neighbours, one character more or fewer, wrong or missing prefix, spaces,
dots, dashes, slashes, lower case, GR/EL, XI, CHE...MWST/TVA/IVA/TPV, NO...MVA, look-alike Unicode
characters, tabs). Feeds them to `cps vat` (one per line on standard input) and compares verdict and
compact form with the reference:

  * prefix GB -> stdnum.gb.vat, NO -> stdnum.no.mva, CH -> stdnum.ch.vat (country prefix added
    where the module drops it), every other prefix -> stdnum.eu.vat (which sends XI to gb.vat);
  * EU and IM (non-Union OSS scheme numbers, which stdnum.eu.vat also takes) are outside R-VAT-1's
    countries: CPSKit refuses them and so does this reference.

Allowed differences, each counted and printed (see Documentation/VATNumbers.md):
  * separator exception (R-VAT-1): the reference refuses a spelling only because that country's
    module keeps a space, dot, dash or slash after the prefix; CPSKit accepts it with the compact
    form the reference gives once those separators are removed;
  * Norwegian whitespace: no.mva trims whitespace around the organisation number when checking it
    but keeps it in its compact form; CPSKit leaves it out of the compact form.

Any other disagreement prints the input and both answers and exits 1.

Usage: python3 Scripts/vat_differential.py [path/to/cps]   (default: .build/debug/cps)
"""

import os
import random
import subprocess
import sys
from collections import Counter

import stdnum
from stdnum import exceptions, luhn
from stdnum.ch import vat as ch_vat
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as gb_vat
from stdnum.no import mva as no_mva
from stdnum.util import clean

SEED = 20251125
UNIVERSAL_SEPARATORS = ' -./'
REASONS = {
    exceptions.InvalidFormat: 'badPattern',
    exceptions.InvalidComponent: 'badPattern',
    exceptions.InvalidLength: 'wrongLength',
    exceptions.InvalidChecksum: 'badCheckDigit',
}


# ---------------------------------------------------------------------------------------------
# The reference verdict


def reference(text):
    """('valid', compact) or ('invalid', reason) by python-stdnum 2.2, routed as R-VAT-1 says."""
    number = clean(text, '').upper().strip()
    cc = number[:2]
    try:
        if cc == 'GB':
            result = gb_vat.validate(number)
        elif cc == 'NO':
            result = no_mva.validate(number)
        elif cc == 'CH':
            result = ch_vat.validate(number)
        elif cc in ('EU', 'IM'):
            return ('invalid', 'unknownCountry')
        else:
            result = eu_vat.validate(number)
    except exceptions.ValidationError as error:
        if cc in ('GB', 'NO', 'CH') or eu_vat._get_cc_module(cc) is not None:
            return ('invalid', REASONS.get(type(error), 'badPattern'))
        return ('invalid', 'unknownCountry')
    if not result.startswith(cc):
        result = cc + result
    return ('valid', result)


def without_separators(text):
    """The spelling with every space, dot, dash and slash after the prefix removed."""
    number = clean(text, '').upper().strip()
    return number[:2] + ''.join(c for c in number[2:] if c not in UNIVERSAL_SEPARATORS)


def squeeze(text):
    return ''.join(text.split())


def classify(text, ours):
    """None when `ours` agrees with the reference, else the name of an allowed difference, else
    the string 'DISAGREE'."""
    peer = reference(text)
    if ours[0] == peer[0] and (ours[0] == 'invalid' or ours[1] == peer[1]):
        return None
    prefix = clean(text, '').upper().strip()[:2]
    if ours[0] == 'valid' and peer[0] == 'valid' and prefix == 'NO' and ours[1] == squeeze(peer[1]):
        return 'norwegian whitespace'
    if ours[0] == 'valid' and peer[0] == 'invalid':
        relaxed = reference(without_separators(text))
        if relaxed[0] == 'valid':
            expected = squeeze(relaxed[1]) if prefix == 'NO' else relaxed[1]
            if ours[1] == expected:
                return 'separator exception ' + prefix
    return 'DISAGREE'


# ---------------------------------------------------------------------------------------------
# Valid numbers, built by completing random templates with whatever check characters the reference
# accepts


DIGITS = '0123456789'
LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'


def digits(rng, count):
    return ''.join(rng.choice(DIGITS) for _ in range(count))


def date_digits(rng, first_year, last_year):
    year = rng.randint(first_year, last_year)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28 if month == 2 else 30)
    return year, month, day


def complete(rng, prefix, head, candidates, tail=''):
    """Numbers prefix+head+c+tail valid by the reference, for c in candidates (shuffled)."""
    found = []
    for c in candidates:
        number = prefix + head + c + tail
        if reference(number)[0] == 'valid':
            found.append(number)
    return found


def two_digits():
    return [a + b for a in DIGITS for b in DIGITS]


def templates(rng):
    """Yields (prefix, head, candidates, tail) of each country's forms."""
    for _ in range(40):
        yield 'AT', 'U' + digits(rng, 7), DIGITS, ''
        yield 'BE', rng.choice('01') + digits(rng, 7), two_digits(), ''
        yield 'BG', digits(rng, 8), DIGITS, ''
        yield 'BG', digits(rng, 9), DIGITS, ''
        y, m, d = date_digits(rng, 1800, 2099)
        mm = m + (40 if y >= 2000 else 20 if y < 1900 else 0)
        yield 'BG', '%02d%02d%02d' % (y % 100, mm, d) + digits(rng, 3), DIGITS, ''
        yield 'CY', rng.choice('0134569') + digits(rng, 7), LETTERS, ''
        yield 'CZ', rng.choice('12345678') + digits(rng, 6), DIGITS, ''
        yield 'CZ', '6' + digits(rng, 7), DIGITS, ''
        y, m, d = date_digits(rng, 1954, 2040)
        yield 'CZ', '%02d%02d%02d' % (y % 100, m + rng.choice((0, 50)), d) + digits(rng, 3), DIGITS, ''
        y, m, d = date_digits(rng, 1900, 1953)
        yield 'CZ', '%02d%02d%02d' % (y % 100, m + rng.choice((0, 50)), d) + digits(rng, 2), DIGITS, ''
        yield 'DE', rng.choice('123456789') + digits(rng, 7), DIGITS, ''
        yield 'DK', rng.choice('123456789') + digits(rng, 6), DIGITS, ''
        yield 'EE', digits(rng, 8), DIGITS, ''
        yield rng.choice(('EL', 'GR')), digits(rng, 8), DIGITS, ''
        yield 'ES', rng.choice('ABCDEFGHJNPQRSUVW') + digits(rng, 7), DIGITS + 'JABCDEFGHI', ''
        yield 'ES', digits(rng, 8), LETTERS, ''
        yield 'ES', rng.choice('XYZKLM') + digits(rng, 7), LETTERS, ''
        yield 'FI', digits(rng, 7), DIGITS, ''
        siren = None
        while siren is None:
            candidate = digits(rng, 8)
            for c in DIGITS:
                if luhn.is_valid(candidate + c):
                    siren = candidate + c
        yield 'FR', '', [a + b for a in DIGITS for b in DIGITS], siren
        alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
        yield 'FR', '', rng.sample([a + b for a in alphabet for b in alphabet if not (a + b).isdigit()], 600), siren
        yield 'HR', digits(rng, 10), DIGITS, ''
        yield 'HU', digits(rng, 7), DIGITS, ''
        yield 'IE', digits(rng, 7), 'WABCDEFGHIJKLMNOPQRSTUV', rng.choice(('', 'W', 'A', 'H'))
        yield 'IE', rng.choice(DIGITS) + rng.choice(LETTERS + '+*') + digits(rng, 5), 'WABCDEFGHIJKLMNOPQRSTUV', ''
        yield 'IT', digits(rng, 7) + '%03d' % rng.choice(list(range(1, 101)) + [120, 121, 888, 999]), DIGITS, ''
        yield 'LT', digits(rng, 7) + '1', DIGITS, ''
        yield 'LT', digits(rng, 10) + '1', DIGITS, ''
        yield 'LU', digits(rng, 6), two_digits(), ''
        yield 'LV', rng.choice('456789') + digits(rng, 9), DIGITS, ''
        yield 'LV', '32' + digits(rng, 8), DIGITS, ''
        y, m, d = date_digits(rng, 1800, 2099)
        yield 'LV', '%02d%02d%02d%d' % (d, m, y % 100, (y - 1800) // 100) + digits(rng, 3), DIGITS, ''
        yield 'MT', rng.choice('123456789') + digits(rng, 5), two_digits(), ''
        yield 'NL', digits(rng, 8), DIGITS, 'B' + rng.choice(('01', '02', '17'))
        yield 'NL', digits(rng, 9) + 'B', two_digits(), ''
        yield 'PL', digits(rng, 9), DIGITS, ''
        yield 'PT', rng.choice('123456789') + digits(rng, 7), DIGITS, ''
        yield 'RO', rng.choice('123456789') + digits(rng, rng.randint(0, 8)), DIGITS, ''
        y, m, d = date_digits(rng, 1900, 2099)
        sex = rng.choice('12') if y < 2000 else rng.choice('56')
        county = rng.choice(['%02d' % c for c in list(range(1, 47)) + [51, 52]])
        yield 'RO', sex + '%02d%02d%02d' % (y % 100, m, d) + county + digits(rng, 3), DIGITS, ''
        yield 'SE', digits(rng, 9), DIGITS, '01'
        yield 'SI', rng.choice('123456789') + digits(rng, 6), DIGITS, ''
        yield 'SK', rng.choice('123456789') + digits(rng, 1) + rng.choice('234789') + digits(rng, 6), DIGITS, ''
        y, m, d = date_digits(rng, 1954, 2040)
        yield 'SK', '%02d%02d%02d' % (y % 100, m + rng.choice((0, 50)), d) + digits(rng, 3), DIGITS, ''
        for cc in ('GB', 'XI'):
            yield cc, digits(rng, 7), two_digits(), ''
            yield cc, digits(rng, 7), two_digits(), digits(rng, 3)
            yield cc, '00' + digits(rng, 5), two_digits(), ''
            yield cc, 'GD', ['%03d' % rng.randint(0, 499)], ''
            yield cc, 'HA', ['%03d' % rng.randint(500, 999)], ''
            value = rng.randint(0, 499)
            yield cc, 'GD8888%03d' % value, ['%02d' % (value % 97)], ''
            value = rng.randint(500, 999)
            yield cc, 'HA8888%03d' % value, ['%02d' % (value % 97)], ''
        yield 'NO', digits(rng, 8), DIGITS, 'MVA'
        yield 'CH', 'E' + digits(rng, 8), DIGITS, rng.choice(('MWST', 'TVA', 'IVA', 'TPV'))


KNOWN_VALID = [
    'ATU13585627', 'BE0776091951', 'BG175074752', 'CY10259033P', 'CZ25123891', 'CZ7103192745',
    'CZ640903926', 'DE136695976', 'DK13585628', 'EE100931558', 'EL094259216', 'GR094012834',
    'ESA13585625', 'ES54362315K', 'ESX5253868R', 'FI20774740', 'FR40303265045', 'FRK7399859412',
    'HR33392005961', 'HU12892312', 'IE6433435F', 'IE8D79739I', 'IE6433435OA', 'IT00743110157',
    'LT119511515', 'LU15027442', 'LV40003521600', 'MT11679112', 'NL004495445B01', 'PL8567346215',
    'PT501964843', 'RO18547290', 'SE556677889901', 'SI50223054', 'SK2022749619',
    'GB002425728', 'GB980780684', 'GBGD001', 'GBHA500', 'XI980780684', 'NO917313008MVA',
    'CHE100155212MWST', 'CHE100155212TVA', 'CHE113690319IVA', 'CHE113690319TPV',
]


# ---------------------------------------------------------------------------------------------
# Spellings and mutations


PREFIXES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'GR', 'ES', 'FI', 'FR', 'HR',
            'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI',
            'GB', 'NO', 'CH', 'EU', 'IM', 'US', 'XX']
LOOK_ALIKES = {'-': ['\u2013', '\u2014', '\u2212'], ' ': ['\u00a0', '\u2009', '\u3000'],
               '.': ['\u00b7', '\uff0e']}


def grouped(body, size, separator):
    return separator.join(body[i:i + size] for i in range(0, len(body), size))


def spellings(rng, number):
    """Ways people write a valid compact number."""
    prefix, body = (number[:3], number[3:]) if number.startswith('CHE') else (number[:2], number[2:])
    out = [number, number.lower(), ' ' + number + ' ', prefix + ' ' + body]
    for separator in ' .-/':
        out.append(prefix + separator + grouped(body, rng.choice((2, 3, 4)), separator))
        out.append(prefix + ' ' + grouped(body, 3, separator))
    out.append(prefix.lower() + '-' + body.lower())
    out.append(prefix + ':' + body)
    out.append(prefix + grouped(body, 3, ','))
    out.append(prefix + '\t' + body)
    out.append(number + '\t')
    out.append(prefix + body + '-\t')
    if prefix in ('EL', 'GR'):
        other = 'GR' if prefix == 'EL' else 'EL'
        out += [other + body, other + ' ' + body[1:] if body.startswith('0') else other + body]
    if prefix == 'GB':
        out += ['XI' + body, 'gb ' + grouped(body, 3, ' ')]
    if prefix == 'XI':
        out += ['GB' + body]
    if prefix == 'NO':
        digits_part = body[:-3]
        out += ['NO ' + digits_part[:3] + ' ' + digits_part[3:6] + ' ' + digits_part[6:] + ' MVA',
                'NO' + digits_part, 'NO' + digits_part + ' mva', 'NO' + digits_part + '\tMVA',
                'NO ' + grouped(digits_part, 3, '.') + ' MVA', 'NO' + digits_part + '-MVA']
    if prefix == 'CHE':
        digits_part = body[:9]
        suffix = body[9:]
        formatted = 'CHE-' + grouped(digits_part, 3, '.')
        for other in ('MWST', 'TVA', 'IVA', 'TPV', 'HR', 'mwst', ''):
            out.append(formatted + ' ' + other)
        out += ['CHE ' + digits_part + ' ' + suffix, 'CH' + digits_part + suffix,
                'CHE/' + digits_part + suffix]
    if prefix == 'BE':
        out += ['BE (0)' + body[1:] if body.startswith('0') else number, 'BE' + body[1:]]
    if prefix == 'NL':
        out += ['NL' + body.lstrip('0'), 'NL ' + body[:9] + ' ' + body[9:]]
    # Look-alike characters from other scripts.
    separator = rng.choice(list(LOOK_ALIKES))
    out.append(prefix + rng.choice(LOOK_ALIKES[separator]) + body)
    out.append(prefix + ''.join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in body))
    return out


def mutations(rng, number):
    """Near misses of a valid compact number."""
    prefix, body = (number[:3], number[3:]) if number.startswith('CHE') else (number[:2], number[2:])
    out = []
    for _ in range(3):
        i = rng.randrange(len(body))
        replacement = rng.choice(DIGITS if body[i].isdigit() else LETTERS)
        out.append(prefix + body[:i] + replacement + body[i + 1:])
    for _ in range(2):
        if len(body) > 1:
            i = rng.randrange(len(body) - 1)
            out.append(prefix + body[:i] + body[i + 1] + body[i] + body[i + 2:])
    i = rng.randrange(len(body) + 1)
    out.append(prefix + body[:i] + rng.choice(DIGITS) + body[i:])
    i = rng.randrange(len(body))
    out.append(prefix + body[:i] + body[i + 1:])
    out.append(prefix + body[:-1])
    out.append(prefix + body + rng.choice(DIGITS))
    out.append(rng.choice(PREFIXES) + body)
    out.append(body)
    out.append(prefix + prefix + body)
    out.append(prefix + body + rng.choice(LETTERS))
    return out


def junk(rng):
    """Random strings over the characters that matter."""
    alphabet = DIGITS * 3 + LETTERS + ' -./:,()+*\t' + '\u2013\u00a0\uff11\u00df\u0131'
    prefix = rng.choice(PREFIXES + ['', 'e', 'l', 'c'])
    return prefix + ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))


def inputs():
    rng = random.Random(SEED)
    valid = list(KNOWN_VALID)
    for prefix, head, candidates, tail in templates(rng):
        found = complete(rng, prefix, head, candidates, tail)
        if found:
            valid.append(rng.choice(found))
    out = []
    for number in valid:
        out += spellings(rng, number)
        out += mutations(rng, number)
    out += [junk(rng) for _ in range(3000)]
    out += ['', ' ', '-', 'SE', 'CHE', 'NO', 'MVA', 'EU372022452', 'IM372022452', 'eu 372 022 452']
    return valid, [line for line in out if '\n' not in line and '\r' not in line]


# ---------------------------------------------------------------------------------------------


def main():
    if stdnum.__version__ != '2.2':
        sys.exit('python-stdnum 2.2 is required, found %s' % stdnum.__version__)
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join('.build', 'debug', 'cps')
    valid, lines = inputs()
    data = ''.join(line + '\n' for line in lines).encode('utf-8')
    run = subprocess.run([binary, 'vat'], input=data, capture_output=True, check=False)
    if run.returncode != 0:
        sys.exit('cps vat failed (%d): %s' % (run.returncode, run.stderr.decode(errors='replace')))
    answers = run.stdout.decode('utf-8').split('\n')[:-1]
    if len(answers) != len(lines):
        sys.exit('cps vat printed %d lines for %d inputs' % (len(answers), len(lines)))
    disagreements = 0
    allowed = Counter()
    reasons_agree = 0
    peer_valid = 0
    for line, answer in zip(lines, answers):
        verdict, _, rest = answer.partition(' ')
        ours = ('valid', rest) if verdict == 'valid' else ('invalid', rest.partition(':')[0])
        peer = reference(line)
        peer_valid += peer[0] == 'valid'
        if ours[0] == 'invalid' and peer[0] == 'invalid' and ours[1] == peer[1]:
            reasons_agree += 1
        kind = classify(line, ours)
        if kind == 'DISAGREE':
            disagreements += 1
            if disagreements <= 40:
                print('DISAGREE %r: cps says %s, python-stdnum 2.2 says %s' % (line, ours, peer))
        elif kind:
            allowed[kind] += 1
    both_invalid = sum(1 for line, answer in zip(lines, answers)
                       if answer.startswith('invalid') and reference(line)[0] == 'invalid')
    print('compared %d inputs (%d valid numbers generated, %d accepted by python-stdnum 2.2)'
          % (len(lines), len(valid), peer_valid))
    for kind, count in sorted(allowed.items()):
        print('  allowed difference: %s: %d' % (kind, count))
    print('  same refusal reason on %d of %d inputs both refuse' % (reasons_agree, both_invalid))
    if disagreements:
        print('%d disagreements' % disagreements)
        sys.exit(1)
    print('no disagreements')


if __name__ == '__main__':
    main()
