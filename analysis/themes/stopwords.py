"""Stop words per language, for theme and topic labels and word vectors.

English is scikit-learn's list plus chat fillers (``words.FILLERS``). The other lists
are short and written out by hand for this project from the closed word classes of each
language (articles, pronouns, prepositions, conjunctions, particles, forms of "be" and
"have", modal verbs), modelled on the Snowball project's stop lists
(snowballstem.org/algorithms: German, Finnish) and the stopwords-iso collection
(github.com/stopwords-iso: Slovak, Greek, Polish, Urdu), not copied from them and not
checked word for word against them. Welsh, which neither covers, follows the word classes of a Welsh
grammar (e.g. King, *Modern Welsh: A Comprehensive Grammar*), with the short forms answers
write ("'r", "mae'n", "i'r"). The Slovak list also has the commonest words as typed
without diacritics ("ze", "su", "co"), as many answers are. The lists keep words out of
labels (and out of the word vectors); they are not complete, and a word missing from one
only means a label may start or end with it.

Chinese and Japanese lists hold single characters (particles and pronouns): labels there
are built from characters, see :mod:`civicbot_analysis.themes.words`.

``NEGATIONS`` may start a label although they are stop words ("Nobody owns the problem",
"Nicht genug Busse"): without them the label would say the opposite.
"""

from __future__ import annotations

_CY = """
    a ac ag am an ar at ati ato atyn ac ei eu ein eich fy fe fo hi hwy hwythau nhw ni chi
    ti mi i y yr 'r o oedd oeddwn oedden oeddech oeddet roedd roeddwn roedden mae maen
    mae'n mae'r dw dwi rwy rwyf ydw ydy ydyn ydych yw ydi bod fod fydd bydd byddai fyddai
    bu buodd fuodd sydd sy oes yn 'n gan gyda efo heb hefyd hyd i'r i'w o'r yn y mewn wrth
    trwy drwy dros rhwng am ond neu na nac nad ni nid dim ddim fel felly pan pam beth be
    pwy ble lle sut faint rhaid dylai ddylai gallu gall gallai allai gellir gwneud wneud
    hwn hon hyn hynny rhain rheini yma yna acw ei'n eu'n ein'n dy ein ych 'ch 'm 'w
    iawn mwy llawer rhai pob pawb popeth unrhyw un ydi'r cael gael wedi ôl gormod ychydig
    tua
"""
_SK = """
    a aby aj ak ako ale alebo ani áno asi až bez bol bola boli bolo bude budem budeme budú
    by byť cez či čo ešte ho i ich iba ja je jeho jej ju k kam kde keď kto ktorá ktoré
    ktorí ktorý ktorých ku len ma má majú mal mala mali malo mám máme mať mi mňa mne mnou
    môj môže môžu my na nad nám nás naša naše náš ne nech neho nej nemu než nič nie niečo
    nim nimi no o od on ona oni ono ony po pod podľa potom pre pred pri s sa si sme so som
    sú ste sme svoj svoje svojej ta tak takže tam teda ten tej tejto tiež tieto tým to toho
    tom tomu totiž tu túto tvoj ty u už v vám vás váš vo však všetko vy z za zo že
    toto tento táto byť bolo bude nám ich im jej je sa ako aké aký aká ktorú všetci
    do medzi počas kvôli napr tzv atď teda veď aké vždy
    co ze su ked byt uz ci tiez preco vsak vsetko vsetci este mat moze mozu nas nase
    ktory ktora ktore ktori podla pri tom tak
"""
# (The last line: Slovak answers are often typed without diacritics: "co", "ze", "su".)
_DE = """
    aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei
    bin bis bist da damit dann das dass dasselbe dazu dein deine dem den denn der des dich
    die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen
    einer eines einig einige er es etwas euch euer für gegen gewesen hab habe haben hat
    hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre im in indem ins ist jede jedem
    jeden jeder jedes jetzt kann können könnte machen man manche mein meine mich mir mit
    muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine sich sie sind
    so solche soll sollte sondern sonst über um und uns unser unter viel vom von vor war
    waren warst was weg weil weiter welche wenn werde werden wie wieder will wir wird wirst
    wo wollen wollte würde würden zu zum zur zwar zwischen kein keine keinen keiner mehr
    sollen müssen dürfen gibt es eher schon ja nein sowie bzw
"""
_FI = """
    ja ei en et emme ette eivät olla olen olet on olemme olette ovat oli olisi ollut
    olleet minä sinä hän me te he se ne tämä tuo nämä nuo joka jotka mikä mitkä kuka ketkä
    mutta tai kuin kun jos että koska vaikka niin myös vain jo nyt sitten siellä täällä
    missä mistä mihin minun sinun hänen meidän teidän heidän sen sitä siitä siihen sillä
    siinä tämän tätä tässä tästä tähän näiden niiden nyt sekä eli kanssa ilman mukaan
    kautta yli alle ennen jälkeen aina paljon vähän hyvin voi voisi pitää pitäisi täytyy
    tulee kaikki kaikkien muut muiden mitään jotain joku jokin yksi ole olla ollaan
"""
_EL = """
    ο η το οι τα του της των τον την τους τις ένας μία ένα ενός μιας και κι ή αλλά όμως
    ούτε να θα δεν μη μην όχι ναι σε στο στη στην στον στα στις στους από με για προς
    κατά μετά χωρίς ως παρά εγώ εσύ αυτός αυτή αυτό εμείς εσείς αυτοί αυτές αυτά μου σου
    μας σας τους τον του της είμαι είσαι είναι είμαστε είστε ήταν έχω έχει έχουμε έχουν
    είχε που πού ότι πως πώς όταν αν αφού επειδή γιατί τι ποιος ποια ποιο όπως έτσι
    επίσης πολύ πιο λίγο κάθε όλοι όλα όλες όλη άλλο άλλα άλλοι μόνο ήδη ακόμα ακόμη
    εδώ εκεί τώρα πρέπει μπορεί μπορούν οποίο οποία οποίοι
"""
_PL = """
    a aby ale albo ani bardzo bez bo by być był była było byli były będzie będą ci co czy
    dla do gdy gdzie go i ich im jak jako je jego jej jest jestem jesteśmy jeszcze już ja
    ją każdy kiedy kto która które który ktoś mi mnie mam ma mają mój moja moje może można
    mu my na nad nam nas nasz nasza nasze nawet nie nic niż no o od on ona one oni ono po
    pod ponieważ przez przy się są sobie tak także tam te tego tej ten to tu tylko tym ty
    u w we więc wszystko z za ze że żeby czuję czułam czułem
"""
_UR = """
    کے کی کا کو سے میں نے ہے ہیں تھا تھی تھے ہو ہوں ہوا ہوتا ہوتی ہوتے اور یا بھی نہیں نہ
    یہ وہ اس ان پر تک لیے لئے جو کہ کیا کر کرنا کرتے کرتی گیا گئی گئے رہا رہی رہے سکتا
    سکتی سکتے اپنا اپنی اپنے میرا میری میرے ہم آپ تم مجھے ہمیں انہیں اسے ایک کچھ سب بہت
    جب تو اب پھر بس ساتھ والا والی والے
"""
_ZH = """
    的 了 是 在 和 与 與 也 都 就 而 或 及 被 把 之 其 这 這 那 我 你 他 她 它 们 們 有 要 会 會 着
    著 吗 嗎 呢 吧 啊 應 应 該 该 為 为 對 对 但 還 还 很 更
    认为 認為 应该 應該 可以 我们 我們 他们 他們 如果 因为 因為 所以 但是 还是 還是 这个 這個
    那个 那個 觉得 覺得 我认 我認
"""
_JA = "の は が を に で と も へ や か て た だ な ね よ し い う る す ま れ こ そ あ ど"

# Words that may start a label though they are stop words (see the module docstring).
NEGATIONS: dict[str, frozenset[str]] = {
    "cy": frozenset(["dim", "ddim", "nid", "nad", "na", "nac", "neb", "byth"]),
    "sk": frozenset(["nie", "ani", "nikto", "nič", "nikdy", "žiadny", "žiadna", "žiadne"]),
    "de": frozenset(["nicht", "kein", "keine", "keinen", "keiner", "nie", "niemand", "nichts"]),
    "fi": frozenset(["ei", "en", "et", "emme", "ette", "eivät"]),
    "el": frozenset(["δεν", "μη", "μην", "όχι", "ούτε"]),
    "zh": frozenset(["不", "没", "沒", "无", "無", "别", "別"]),
    "ja": frozenset(),
    "pl": frozenset(["nie", "ani", "nikt", "nic", "nigdy", "żaden", "żadna", "żadne"]),
    "ur": frozenset(["نہیں", "نہ"]),
}

STOP_WORDS: dict[str, frozenset[str]] = {
    code: frozenset(text.split())
    for code, text in {
        "cy": _CY,
        "sk": _SK,
        "de": _DE,
        "fi": _FI,
        "el": _EL,
        "pl": _PL,
        "ur": _UR,
    }.items()
}
STOP_WORDS["zh"] = frozenset(_ZH.split())
STOP_WORDS["ja"] = frozenset(_JA.split())
# Lists known to the guess (Chinese, Japanese and Greek are told by their script; Polish
# and Urdu only by a round or an answer that says so: Polish reads much like Slovak).
LATIN_GUESSABLE = ("cy", "sk", "de", "fi")
