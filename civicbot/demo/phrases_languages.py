"""What simulated residents who answer in Welsh, Polish or Urdu type, by theme.

A modest bank, written for the demo (first drafts, not checked by fluent speakers):
five themes per language that run through every free-text question, so that the
report's language section has themes to find and quotes to show in the original.
"""

from __future__ import annotations

# language -> theme -> sentences
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "cy": {
        "waiting": (
            "Roedd yr aros am apwyntiad meddyg yn rhy hir.",
            "Arhosais wythnosau am apwyntiad, ac roedd hynny'n anodd.",
            "Mae'r rhestrau aros yn hir iawn yma.",
            "Dylai pobl gael help yn gynt, nid aros misoedd.",
        ),
        "welsh": (
            "Roedd yn bwysig i mi gael siarad Cymraeg gyda'r staff.",
            "Does dim digon o wasanaethau yn Gymraeg.",
            "Mae'n haws egluro fy mhroblem yn Gymraeg.",
            "Hoffwn gael y ffurflenni yn Gymraeg hefyd.",
        ),
        "kind": (
            "Roedd y staff yn garedig ac yn gwrando arnaf.",
            "Roedd y nyrs yn garedig iawn gyda mam.",
            "Roeddwn i'n teimlo bod rhywun yn gwrando o'r diwedd.",
            "Mae staff caredig yn gwneud byd o wahaniaeth.",
        ),
        "community": (
            "Mae'r gymuned yma yn gofalu am ei gilydd.",
            "Mae'r neuadd bentref yn dod â phobl at ei gilydd.",
            "Rwy'n teimlo fy mod i'n perthyn yn y pentref.",
            "Mae cymdogion da yn bwysig iawn i mi.",
        ),
        "bus": (
            "Does dim bws i'r dref ar ddydd Sul.",
            "Mae'r bws yn rhy ddrud ac yn rhy brin.",
            "Heb gar mae'n anodd cyrraedd yr ysbyty.",
            "Mae angen gwell bysiau yng nghefn gwlad.",
        ),
    },
    "pl": {
        "waiting": (
            "Za długo czekałam na wizytę u lekarza.",
            "Czekaliśmy tygodniami na wizytę, to było trudne.",
            "Kolejki do specjalisty są bardzo długie.",
            "Pomoc powinna przychodzić szybciej, a nie po miesiącach.",
        ),
        "language": (
            "Trudno mi wszystko wytłumaczyć po angielsku.",
            "Potrzebny był tłumacz, a nikt go nie zaproponował.",
            "Listy z urzędu są za trudne, nie wszystko rozumiem.",
            "Dobrze, że można odpowiadać po polsku.",
        ),
        "kind": (
            "Pielęgniarka była bardzo miła i cierpliwa.",
            "Pracownicy byli życzliwi i mnie wysłuchali.",
            "Czułam, że ktoś naprawdę słucha.",
            "Miły personel robi ogromną różnicę.",
        ),
        "work": (
            "Pracuję na zmiany i nie mogę przyjść w godzinach otwarcia.",
            "Wizyty są tylko rano, a ja wtedy pracuję.",
            "Przydałyby się godziny wieczorne albo w sobotę.",
            "Trudno pogodzić pracę z wizytami.",
        ),
        "community": (
            "Polska parafia bardzo nam pomaga.",
            "Sąsiedzi są mili i pomagają sobie nawzajem.",
            "Czuję, że tu należę, mam tu przyjaciół.",
            "Spotkania dla rodzin dają poczucie wspólnoty.",
        ),
    },
    "ur": {
        "waiting": (
            "ڈاکٹر سے ملاقات کے لیے بہت لمبا انتظار کرنا پڑا۔",
            "ہمیں کئی ہفتے انتظار کرنا پڑا، یہ بہت مشکل تھا۔",
            "ہسپتال میں انتظار بہت لمبا ہوتا ہے۔",
            "مدد جلدی ملنی چاہیے، مہینوں بعد نہیں۔",
        ),
        "language": (
            "انگریزی میں اپنی بات سمجھانا مشکل ہوتا ہے۔",
            "مترجم کی ضرورت تھی لیکن کسی نے پیشکش نہیں کی۔",
            "خطوط بہت مشکل ہوتے ہیں، میں سب نہیں سمجھتی۔",
            "اچھا ہے کہ اردو میں جواب دے سکتے ہیں۔",
        ),
        "kind": (
            "نرس بہت مہربان تھی اور میری بات سنی۔",
            "عملہ بہت اچھا تھا اور عزت سے بات کی۔",
            "مجھے لگا کہ آخرکار کوئی سن رہا ہے۔",
            "مہربان عملہ بہت فرق ڈالتا ہے۔",
        ),
        "family": (
            "میں اپنی ماں کی دیکھ بھال کرتی ہوں اور مدد کم ملتی ہے۔",
            "خاندان ایک دوسرے کا خیال رکھتا ہے۔",
            "گھر میں بزرگوں کی دیکھ بھال کے لیے مدد چاہیے۔",
            "بچوں کے لیے اسکول کے بعد کی سرگرمیاں کم ہیں۔",
        ),
        "community": (
            "مسجد اور کمیونٹی سینٹر لوگوں کو اکٹھا کرتے ہیں۔",
            "پڑوسی اچھے ہیں اور ایک دوسرے کی مدد کرتے ہیں۔",
            "مجھے لگتا ہے کہ میں یہاں کا حصہ ہوں۔",
            "کمیونٹی کے پروگرام اکیلے پن کو کم کرتے ہیں۔",
        ),
    },
}
