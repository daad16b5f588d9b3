"""Pattern detectors for SNS managed data identifiers (the sandbox's stand-in for AWS's scanners).

AWS detects with pattern matching *and* machine learning; these are patterns only, so they find the
well-formed cases (the table ``tests/data/sns_data_identifier_cases.json`` says which) and miss what
only a model would find (free-form names and addresses). Spans follow AWS's audit records: 0-based
``start``, inclusive ``end`` (``SSN: 123-12-1234`` is Ssn-US at 5-15).

Keyword rules follow "Using managed data identifiers in Amazon SNS": where AWS requires a keyword,
one of the identifier's keywords must lie within the ``KEYWORD_DISTANCE`` characters before the match;
keywords are case-insensitive and a space in a keyword also matches ``_``, ``-`` or nothing. The
AwsSecretKey and CreditCardNumber lists are AWS's published ones; the driver's licence, passport, SSN
and drug code lists are the common spellings (AWS's full lists were not at hand), so a message keyed
by a rarer spelling is found by AWS and missed here.
Each identifier is one compiled regex and one pass over the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# How many characters before a match must hold a required keyword (the default maximum match distance of
# custom data identifiers; AWS does not publish the managed identifiers' distance).
KEYWORD_DISTANCE = 50

# Managed data identifiers AWS documents for SNS (policies may name any of them); the ones without a
# detector here are accepted in policies and never reported.
MANAGED_IDENTIFIERS = frozenset({
    "Address", "AwsSecretKey", "BankAccountNumber-DE", "BankAccountNumber-ES", "BankAccountNumber-FR",
    "BankAccountNumber-GB", "BankAccountNumber-IT", "BankAccountNumber-US", "CepCode-BR", "Cnpj-BR",
    "CpfCode-BR", "CreditCardExpiration", "CreditCardMagneticStripe", "CreditCardNumber",
    "CreditCardSecurityCode", "DateOfBirth", "DriversLicense-US", "DrugEnforcementAgencyNumber-US",
    "ElectoralRollNumber-GB", "EmailAddress", "HealthInsuranceCardNumber-EU", "HealthInsuranceClaimNumber-US",
    "HealthInsuranceNumber-FR", "HealthcareProcedureCode-US", "IndividualTaxIdentificationNumber-US",
    "InseeCode-FR", "IpAddress", "LatLong", "MedicareBeneficiaryNumber-US", "Name", "NationalDrugCode-US",
    "NationalIdentificationNumber-DE", "NationalIdentificationNumber-ES", "NationalIdentificationNumber-IT",
    "NationalInsuranceNumber-GB", "NationalProviderId-US", "NhsNumber-GB", "OpenSshPrivateKey",
    "PassportNumber-CA", "PassportNumber-DE", "PassportNumber-ES", "PassportNumber-FR", "PassportNumber-GB",
    "PassportNumber-IT", "PassportNumber-US", "PermanentResidenceNumber-CA", "PersonalHealthNumber-CA",
    "PgpPrivateKey", "PhoneNumber", "PhoneNumber-BR", "PhoneNumber-DE", "PhoneNumber-ES", "PhoneNumber-FR",
    "PhoneNumber-GB", "PhoneNumber-IT", "PhoneNumber-US", "PkcsPrivateKey", "PostalCode-CA", "PuttyPrivateKey",
    "RgNumber-BR", "SocialInsuranceNumber-CA", "Ssn-ES", "Ssn-US", "TaxId-DE", "TaxId-ES", "TaxId-FR",
    "TaxId-GB", "VehicleIdentificationNumber", "ZipCode-US",
})


@dataclass(frozen=True)
class Detection:
    start: int
    end: int  # inclusive, as in AWS's audit records


def _keywords(*words: str) -> re.Pattern[str]:
    # "credit card" also matches credit_card, credit-card and creditcard; a keyword is a word of its own.
    parts = [r"[ _-]?".join(re.escape(piece) for piece in word.split(" ")) for word in words]
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![a-z0-9])",
                      re.IGNORECASE)


def _has_keyword(keywords: re.Pattern[str], text: str, start: int) -> bool:
    return keywords.search(text[max(0, start - KEYWORD_DISTANCE):start]) is not None


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# --- the patterns -----------------------------------------------------------------------------------
_STREET_SUFFIX = (r"(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|"
                  r"Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl)")
_ADDRESS = re.compile(
    r"(?<![\w-])\d{1,6}(?:\s+[A-Z][a-z]+){1,3}\s+" + _STREET_SUFFIX + r"\b"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?"
    # Optional ", City" with a ZIP and/or a two-letter state in either order: "Seattle 98109, WA",
    # "Seattle, WA 98109".
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,?\s+[A-Z]{2}\b)?(?:,?\s+\d{5}(?:-\d{4})?\b)?(?:,\s*[A-Z]{2}\b)?)?"
)
_AWS_SECRET_KEY = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
# AWS's keyword lists (SNS Developer Guide, "Sensitive data types: Credentials" and "Financial").
_AWS_SECRET_KEYWORDS = _keywords("aws_secret_access_key", "credentials", "secret access key", "secret key",
                                 "set-awscredential")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_CARD_KEYWORDS = _keywords(
    "account number", "american express", "amex", "bank card", "card", "card num", "card number", "cc #", "cc#",
    "ccn", "check card", "credit", "credit card#", "credit card", "dankort", "debit", "debit card", "diners club",
    "discover", "electron", "japanese card bureau", "jcb", "mastercard", "mc", "pan", "payment account number",
    "payment card number", "pcn", "union pay", "visa",
)
# Issuer prefixes (IIN) of the networks AWS lists: Amex, Dankort, Diners, Discover, Electron/Visa, JCB,
# Mastercard, UnionPay.
_CARD_PREFIX = re.compile(r"^(?:3[47]|30[0-5]|3[68]|35(?:2[89]|[3-8]\d)|4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|"
                          r"5019|6011|64[4-9]|65|62)")
# Numbers card issuers publish for testing; AWS does not report them.
_CARD_TEST_NUMBERS = frozenset({
    "122000000000003", "2222405343248877", "2222990905257051", "2223007648726984", "2223577120017656",
    "30569309025904", "34343434343434", "3528000700000000", "3530111333300000", "3566002020360505",
    "36148900647913", "36700102000000", "371449635398431", "378282246310005", "378734493671000",
    "38520000023237", "4012888888881881", "4111111111111111", "4222222222222", "4444333322221111",
    "5105105105105100", "5555555555554444", "6011000990139424", "6011111111111117",
})
_DRIVERS_LICENSE = re.compile(r"(?<![\w-])(?:[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d|[A-Z]{1,2}\d{5,13}|\d{6,13})(?![\w-])")
_DRIVERS_LICENSE_KEYWORDS = _keywords(
    "dl#", "dl #", "dls#", "driver license", "driver licenses", "driver's license", "driver's licenses",
    "drivers license", "drivers licenses", "driving license", "driving licence", "dlno#", "driv lic",
    "driv licen", "driv license", "driv licenses", "driv licence", "driver licence", "driver's lic",
    "drivers lic", "lic#", "license number", "licence number",
)
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# The lookaheads make most positions fail on their first character: one pass stays cheap.
_IPV4 = rf"(?=\d{{1,3}}\.)(?<![\d.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)"
_IPV6 = r"(?=[0-9A-Fa-f]{1,4}:)(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])"
_IP = re.compile(f"{_IPV4}|{_IPV6}")
# 10-digit NDCs in their three labeler-product-package layouts, and the 11-digit 5-4-2 billing form.
_NDC = re.compile(r"(?=\d{4,5}-)(?<![\d-])(?:\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1,2})(?![\d-])")
_NDC_KEYWORDS = _keywords("ndc", "national drug code", "drug code")
_PASSPORT = re.compile(r"(?<![\w-])(?:[A-Z]\d{8}|\d{9})(?![\w-])")
_PASSPORT_KEYWORDS = _keywords("passport", "passport#", "passport #", "passport no", "passport number",
                               "passportno", "travel document")
# Area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ]?)(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])")
_SSN_KEYWORDS = _keywords("ssn", "ssn#", "ss#", "ss #", "ssa number", "social security", "social security number",
                          "social security no", "social security #", "social sec")
_NAME_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b")
_NAME_LABEL = re.compile(r"\b(?:name|patient|customer|full name)\s*[:=]\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})\b",
                         re.IGNORECASE)


# --- one function per identifier ---------------------------------------------------------------------
def _spans(pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool] | None = None,
           group: int = 0) -> list[Detection]:
    found = []
    for match in pattern.finditer(text):
        if keep is None or keep(match):
            found.append(Detection(match.start(group), match.end(group) - 1))
    return found


def _detect_address(text: str) -> list[Detection]:
    return _spans(_ADDRESS, text)


def _detect_aws_secret_key(text: str) -> list[Detection]:
    def keep(match: re.Match[str]) -> bool:
        token = match.group(0)
        # Random keys mix cases; a lowercase or uppercase run of 40 (a SHA-1 in hex) is not a key.
        return (any(c.isupper() for c in token) and any(c.islower() for c in token)
                and _has_keyword(_AWS_SECRET_KEYWORDS, text, match.start()))
    return _spans(_AWS_SECRET_KEY, text, keep)


def _detect_credit_card(text: str) -> list[Detection]:
    def keep(match: re.Match[str]) -> bool:
        digits = match.group(0).replace(" ", "").replace("-", "")
        return (13 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) is not None and _luhn(digits)
                and digits not in _CARD_TEST_NUMBERS and _has_keyword(_CARD_KEYWORDS, text, match.start()))
    return _spans(_CARD, text, keep)


def _keyword_spans(pattern: re.Pattern[str], keywords: re.Pattern[str]) -> Callable[[str], list[Detection]]:
    def detect(text: str) -> list[Detection]:
        return _spans(pattern, text, lambda m: _has_keyword(keywords, text, m.start()))
    return detect


def _detect_name(text: str) -> list[Detection]:
    found = {Detection(m.start(1), m.end(1) - 1) for m in _NAME_TITLE.finditer(text)}
    found.update(Detection(m.start(1), m.end(1) - 1) for m in _NAME_LABEL.finditer(text))
    return sorted(found, key=lambda d: d.start)


DETECTORS: dict[str, Callable[[str], list[Detection]]] = {
    "Address": _detect_address,
    "AwsSecretKey": _detect_aws_secret_key,
    "CreditCardNumber": _detect_credit_card,
    "DriversLicense-US": _keyword_spans(_DRIVERS_LICENSE, _DRIVERS_LICENSE_KEYWORDS),
    "EmailAddress": lambda text: _spans(_EMAIL, text),
    "IpAddress": lambda text: _spans(_IP, text),
    "Name": _detect_name,
    "NationalDrugCode-US": _keyword_spans(_NDC, _NDC_KEYWORDS),
    "PassportNumber-US": _keyword_spans(_PASSPORT, _PASSPORT_KEYWORDS),
    "Ssn-US": _keyword_spans(_SSN, _SSN_KEYWORDS),
}


def find_identifiers(text: str, names: Iterable[str]) -> list[dict[str, object]]:
    """Findings in AWS's audit shape, sorted by name: ``[{name, count, detections: [{start, end}]}]``."""
    findings = []
    for name in sorted(set(names)):
        detector = DETECTORS.get(name)
        if detector is None:
            continue
        detections = detector(text)
        if detections:
            findings.append({
                "name": name,
                "count": len(detections),
                "detections": [{"start": d.start, "end": d.end} for d in detections],
            })
    return findings
