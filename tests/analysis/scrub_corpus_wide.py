"""A second labelled corpus for the kinds the scrubber once missed (issue #9).

Written before the rules that catch them, then split in two by a fixed hash of each
sentence (:func:`halves`): rules were tuned looking only at the ``tune`` half, and the
``held_out`` half is reported beside it, never looked at sentence by sentence. Kinds:
``@handles``, dates of birth, payment card numbers (test numbers that pass the Luhn
check), and the old kinds written in ways that hid them: full-width and Arabic-Indic
digits, zero-width characters inside phone numbers and e-mails, lower-case and
hyphenated surnames after "my name is". Negatives sit close to each kind (times after
"@", dates that are not birthdays, long numbers that fail the Luhn check).
Markup as in :mod:`tests.analysis.scrub_corpus`.
"""

from __future__ import annotations

import hashlib

from tests.analysis.scrub_corpus import Labelled, parse

ZW = "\u200b"  # zero-width space
ZWJ = "\u200d"  # zero-width joiner
WJ = "\u2060"  # word joiner
BOM = "\ufeff"  # zero-width no-break space


def fw(text: str) -> str:
    """Digits (and @ + -) as their full-width forms."""
    table = {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789@+-"}
    return text.translate(table)


def ar(text: str) -> str:
    """Digits as Arabic-Indic digits."""
    return text.translate({ord(str(d)): chr(0x0660 + d) for d in range(10)})


def ea(text: str) -> str:
    """Digits as Eastern Arabic (Persian/Urdu) digits."""
    return text.translate({ord(str(d)): chr(0x06F0 + d) for d in range(10)})


HANDLES = [
    "follow me on twitter {handle:@janedoe84} for updates",
    "my insta is {handle:@sarah_b_photos} if you want to see the damp",
    "DM {handle:@tenant_rep_leeds} and I'll tell you more",
    "I posted about it, I'm {handle:@mo.ahmed} on instagram",
    "tiktok {handle:@kwame_cooks}",
    "message me {handle:@Priya_K} on telegram",
    "{handle:@bigdave1962} on facebook is me",
    "you can find me at {handle:@olu_ade} everywhere",
    "my son runs {handle:@ourestatekids} which shares what's on",
    "tagged the council {handle:@HackneyCouncil} and got nothing back",
    "ask {handle:@Gemma_W} she knows everyone",
    "I'm {handle:@linda.t.1970} on threads",
    "snap me {handle:@ryank99}",
    "contact {handle:@the_real_eileen} for the food bank rota",
    "handle is {handle:@zainab_ali_}",
    "our group chat admin is {handle:@hbegum}",
    "twitter: {handle:@DesmondPaints}",
    "my daughter {handle:@chloe.m.xo} posted a video of the leak",
    "reply to {handle:@amira_h} not me",
    "we made a page {handle:@Friends_of_Mill_Park}",
    "write to me {handle:@tracey1980} and I'll send photos",
    "I complained to {handle:@NHSuk} and {handle:@DWPgovuk} on X",
    "on telegram I'm {handle:@rhys_evans_cymru}",
    "my youtube is {handle:@ShabanaCooks} with recipes on a budget",
    "search {handle:@yusuf.o} on insta",
    "my partner is {handle:@dan_the_van_man}, he fixes things for free",
    "tell {handle:@fionac} the lift is broken again",
    "I'm {handle:@" + "kaz_" + "writes} on substack",
    "please don't share my account {handle:@peterw_talks}",
]

HANDLE_NEGATIVES = [
    "meet @ 5pm by the library",
    "the group meets @7pm on Thursdays",
    "doors open @ 10.30am",
    "email me at the address on the form",
    "prices @ £2 a bag are fair",
    "I was @ the hospital all day",
    "3 bags @ £1.50 each",
    "the @ sign on my keyboard is broken",
    "we pay 5 @ 20 a week",
    "my email is on file with the council",
    "I wrote 'call @ any time' on the sign",
    "tickets @ 9am sharp",
]

DATES_OF_BIRTH = [
    "my date of birth is {date_of_birth:12/03/1985} if you need it",
    "DOB {date_of_birth:04.11.1972}",
    "born {date_of_birth:3 March 1990} in Leeds",
    "d.o.b. {date_of_birth:17/08/64}",
    "I was born on {date_of_birth:21st June 1958} and I've never seen it this bad",
    "date of birth: {date_of_birth:1980-02-29}",
    "my son was born {date_of_birth:5th January 2015} and still has no school place",
    "they asked for my DOB ({date_of_birth:09/09/1949}) three times",
    "born on {date_of_birth:the 2nd of May 1977}",
    "my dob is {date_of_birth:30-06-1988}",
    "D.O.B: {date_of_birth:1 Dec 1966}",
    "mum was born {date_of_birth:14.02.1939}, she's 87 and waits all day",
    "my birthday is {date_of_birth:23 April 1995}",
    "my date of birth {date_of_birth:11/11/2001} was wrong on the letter",
    "I'm {date_of_birth:02/07/1961} born, old enough to remember better",
    "birth date {date_of_birth:July 4th 1983}",
    "my daughter, born {date_of_birth:18/10/2010}, has autism",
    "date of birth {date_of_birth:6 Sept 1970}, NHS number on the letter",
    "born {date_of_birth:1975-12-25} on Christmas Day",
    "my dob {date_of_birth:" + fw("15/05/1990") + "}",
    "my date of birth is {date_of_birth:" + ar("12/03/1985") + "}",
    "I was born {date_of_birth:27th Feb 1953}",
    "DOB:{date_of_birth:01/01/1980}",
    "his date of birth is {date_of_birth:March 3, 1999}",
    "birthday {date_of_birth:8/4/82}",
    "born on {date_of_birth:31.12.1999}",
    "they had my date of birth as {date_of_birth:19/06/1968} instead of the 18th",
    "date of birth - {date_of_birth:4th of October 1944}",
    "I gave my dob {date_of_birth:10-10-1990} and they still couldn't find me",
    "born {date_of_birth:12 August 1981} and lived here all my life",
]

DATE_NEGATIVES = [
    "my appointment is on 12/03/2026 at 10am",
    "the letter was dated 4 March 2025",
    "it has been broken since 1 June",
    "we moved in on 3/9/2024",
    "the meeting is on the 2nd of May",
    "I've lived here since 1985",
    "my mum was born in Jamaica",
    "born and raised in Bradford",
    "my birthday was spent in A&E",
    "the bin day changed on 14.02.2025",
    "from 2019-04-01 the rules changed",
    "I was born here and so were my kids",
    "my son was born at 32 weeks",
    "on 25 December the surgery was shut",
    "the deadline was 31/01/2026 and nobody told us",
    "my daughter turns 18 in March",
    "I'm 54 and have never claimed before",
    "the 1990s were better for our estate",
    "scored it 3/5",
    "I was there 9-5 every day",
]

# Card numbers: the standard test numbers of the card schemes, and made-up numbers that
# pass the Luhn check, in the groupings people type.
CARDS = [
    "my card is {card_number:4111 1111 1111 1111} if the council wants to refund me",
    "they took payment from {card_number:5555-5555-5555-4444} twice",
    "card number {card_number:4012888888881881}",
    "I read out {card_number:3782 822463 10005} over the phone to them",
    "long number {card_number:6011 1111 1111 1117}",
    "my debit card {card_number:5105 1051 0510 5100} was charged for the parking",
    "{card_number:4000 0566 5566 5556} expiry 04/28",
    "the bailiff wanted my card {card_number:4242424242424242}",
    "card: {card_number:3714 496353 98431}",
    "I gave {card_number:5200 8282 8282 8210} to pay the fine",
    "refund to {card_number:6011-0009-9013-9424} please",
    "visa {card_number:4917 4845 8989 7107}",
    "my bank card is {card_number:4000 0025 0000 3155}",
    "mastercard {card_number:2223 0031 2200 3222}",
    "paid with card {card_number:" + fw("4111 1111 1111 1111") + "}",
    "my card {card_number:4111" + ZW + "1111" + ZW + "1111" + ZW + "1111} was used",
    "charged on {card_number:5425 2334 3010 9903}",
    "the number on my card is {card_number:4263 9826 4026 9299}",
    "card ending... no, the whole thing: {card_number:4035 5010 0000 0008}",
    "it's {card_number:6759 6498 2643 8453}, the old maestro",
    "put {card_number:3566 0020 2036 0505} on the form",
    "used {card_number:5454 5454 5454 5454} at the machine",
    "{card_number:4444 3333 2222 1111} is on the receipt",
    "pay it from {card_number:4988 4388 4388 4305}",
    "my card {card_number:4000-0000-0000-0002} was declined",
]

CARD_NEGATIVES = [
    "reference 1234 5678 9012 3456 on the letter",
    "the claim number is 2023 0001 0045 7781",
    "our account was 1111 2222 3333 4445 according to them",
    "case 9876 5432 1098 7654",
    "I waited 16 weeks for 1 appointment",
    "the tracking number was 1234567890123",
    "barcode 5012345678900 on the food bank box",
    "meter reading 0000 1234 5678",
    "the 2023/2024 council tax bill",
    "ticket 4111 1111 1111 1112 is not valid",
]

# Phone numbers and e-mails hidden by full-width or Arabic-Indic digits and by zero-width
# characters: the live bot's case among them.
HIDDEN_PHONES = [
    "call me on {phone:0770" + ZW + "0 900" + ZW + "123}",
    "my number {phone:" + fw("07700 900456") + "}",
    "ring {phone:" + fw("07700900789") + "} after 6",
    "text {phone:" + ar("07700 900321") + "}",
    "{phone:" + ea("07700 900654") + "} is my mobile",
    "whatsapp {phone:" + fw("+44 7700 900987") + "}",
    "my phone: {phone:07" + ZWJ + "700 9" + ZWJ + "00111}",
    "landline {phone:020" + WJ + " 7946 " + WJ + "0000}",
    "call {phone:0" + BOM + "1632 960" + BOM + "123}",
    "mobile {phone:" + ar("+44 7700 900222") + "}",
    "phone me {phone:" + fw("0161 496 0123") + "}",
    "my number's {phone:0" + ZW + "7" + ZW + "7" + ZW + "0" + ZW + "0 900 333}",
    "ring {phone:" + ar("0113 496 0456") + "} and ask for me",
    "tel {phone:" + fw("(020) 7946 0987") + "}",
    "my son's number {phone:07700" + ZW + "900" + ZW + "444}",
    "reach me on {phone:07700\u00a0900\u00a0555}",
    "call {phone:07700\u2009900\u2009666} anytime",
    "my number is {phone:" + fw("07700") + " 900 777}",
    "ring me {phone:" + ea("01632 960000") + "}",
    "it's {phone:0770" + ZW + "0" + ZW + " 90" + ZW + "0 888}",
]

HIDDEN_EMAILS = [
    "email {email:jane" + ZW + ".doe@example.com}",
    "my email is {email:mo_ahmed@" + ZW + "hotmail.co.uk}",
    "{email:sarah.b" + ZWJ + "riggs@example.org} is best",
    "write to {email:tom" + fw("@") + "example.org}",
    "mail me {email:kwame.a@exam" + WJ + "ple.com}",
    "contact {email:h.begum" + BOM + "@live.co.uk}",
    "my address is {email:linda" + ZW + "@" + ZW + "icloud.com}",
    "{email:zainab" + fw("@") + "gmail.com} please",
    "email {email:ryan.k" + ar("1999") + "@hotmail.co.uk}",
    "send it to {email:pete" + ZW + "r.w@talktalk.net}",
    "my work email {email:a.nowak@" + "example" + ZWJ + ".co.uk}",
    "reach me at {email:fiona.c@example.scot}" + ZW,
]

HIDDEN_NAMES = [
    "my name is {name:sarah briggs} and I live on the estate",
    "my name is {name:Jane Smith-Jones}",
    "my name is {name:okonkwo}, I've lived here 20 years",
    "hi my name is {name:mary o'connor} and I'm a carer",
    "My name is {name:Amira Haddad-Khan}, mum of three",
    "my name is {name:kevin jones} and my flat has damp",
    "my name's {name:dave hughes}, I drive a taxi",
    "hello, my name is {name:Anne-Marie Doyle}",
    "my name is {name:priya patel-shah} from the tenants group",
    "MY NAME IS {name:GARY WHITE} AND NOBODY LISTENS",
    "my name is {name:chloe} and I'm 17",
    "my name is {name:Tomasz Kowalski-Nowak}, I work nights",
    "i'm called {name:bernie mcdonald}",
    "my name is {name:jean-paul mbeki} and I came here in 2003",
    "my name is {name:Siobhan} and I'm a single parent",
    "my name is {name:lee} but everyone calls me {name:Leo}",
    "my name is {name:Rhys ap-Gwilym}",
    "my name is {name:hannah smith}. the bins are never collected",
    "my name is {name:Jamal Ahmed-Ali} and I volunteer at the mosque",
    "my name is {name:rose} and I'm 80",
]

NAME_NEGATIVES = [
    "my name is on the tenancy but they won't talk to me",
    "my name is not important, the damp is",
    "my name is wrong on every letter",
    "my name is down for a flat since 2019",
    "they spelled my name wrong again",
    "my name is known at the surgery",
    "my name is always last on the list",
    "my name is the same as my mum's so they mix us up",
]


def halves() -> tuple[list[Labelled], list[Labelled]]:
    """(tune, held out): each list of the corpus split by a fixed hash, so that every kind
    and its negatives fall on both sides."""
    tune: list[Labelled] = []
    held: list[Labelled] = []
    for group in (
        HANDLES,
        HANDLE_NEGATIVES,
        DATES_OF_BIRTH,
        DATE_NEGATIVES,
        CARDS,
        CARD_NEGATIVES,
        HIDDEN_PHONES,
        HIDDEN_EMAILS,
        HIDDEN_NAMES,
        NAME_NEGATIVES,
    ):
        ranked = sorted(group, key=lambda m: hashlib.sha256(m.encode("utf-8")).hexdigest())
        for i, marked in enumerate(ranked):
            (tune if i % 2 == 0 else held).append(parse(marked))
    return tune, held
