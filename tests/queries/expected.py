"""The parameters each named query is run with on tests/queries/fixtures/graph.ttl, and the rows it
must return (columns, then rows in order). Worked out by reading the fixture, not by running the code."""
KGR = "https://w3id.org/kgnews/id/"
CEASEFIRE = KGR + "event-ceasefire-2020-11-10-1a2b3c4d"
CEASEFIRE_LABEL = "Ceasefire 2020-11-10: Armenia, Azerbaijan"
M1 = ("On November 9, Russian President Vladimir Putin, Armenian Prime Minister Nikol Pashinyan and Azerbaijani "
      "President Ilham Aliyev signed a joint statement on a complete ceasefire in Nagorno-Karabakh.")
M6 = "OSCE Chairperson-in-Office Ann Linde, the Swedish Foreign Minister, visited Baku on March 14."

PARAMS = {
    "timeline": {"actor1": "Armenia", "actor2": "baku"},
    "events-in-range": {"class": "Statement", "from": "2020-11-01", "to": "2021-03-31"},
    "statements-by": {"actor": "Pashinyan"},
    "evidence": {"node": "kgr:event-ceasefire-2020-11-10-1a2b3c4d"},
    "documents-mentioning": {"actor": "Ann Linde"},
}

EXPECTED = {
    "agreements": (
        ["date", "agreement", "signatories", "parties", "mediators"],
        [["2020-11-09", "joint statement on a complete ceasefire", "Ilham Aliyev, Nikol Pashinyan, Vladimir Putin",
          "Armenia, Azerbaijan", "Russia"]]),
    "documents-mentioning": (
        ["document", "published", "outlet", "title"],
        [["003_cccc.txt", "2021-03-14", "TASS", "Baku ready to open communications"]]),
    "events-in-range": (
        ["date", "event", "label"],
        [["2020-11-10", KGR + "event-statement-2020-11-10-33333333", "Statement 2020-11-10: Nikol Pashinyan"],
         ["2021-03", KGR + "event-statement-2021-03-55555555", "Statement 2021-03: Ilham Aliyev"]]),
    "evidence": (
        ["document", "start", "end", "text"],
        [["001_aaaa.txt", "198", "260", "The ceasefire, brokered by Moscow, took effect on November 10."],
         ["002_bbbb.txt", "67", "154", "A Russian-brokered ceasefire between Armenia and Azerbaijan took effect on "
                                       "November 10."]]),
    "mediators": (
        ["mediator", "date", "class", "mediated"],
        [["Russia", "2020-11-09", "Agreement", "joint statement on a complete ceasefire"],
         ["Russia", "2020-11-09", "Signing", "Signing 2020-11-09: Ilham Aliyev, Nikol Pashinyan, Vladimir Putin"],
         ["Russia", "2020-11-10", "Ceasefire", CEASEFIRE_LABEL]]),
    "most-involved": (
        ["actor", "class", "involvements", "participant", "mediator", "signatory", "party"],
        [["Azerbaijan", "State", "4", "3", "0", "0", "1"],
         ["Ilham Aliyev", "Person", "4", "3", "0", "1", "0"],
         ["Armenia", "State", "3", "2", "0", "0", "1"],
         ["Nikol Pashinyan", "Person", "3", "2", "0", "1", "0"],
         ["Russia", "State", "3", "0", "3", "0", "0"],
         ["Vladimir Putin", "Person", "3", "2", "0", "1", "0"],
         ["Ann Linde", "Person", "1", "1", "0", "0", "0"]]),
    "multi-source-events": (
        ["event", "label", "documents", "sources"],
        [[CEASEFIRE, CEASEFIRE_LABEL, "2", "001_aaaa.txt, 002_bbbb.txt"]]),
    "offices": (
        ["person", "title", "of", "date", "evidence"],
        [["Ann Linde", "Chairperson-in-Office", "OSCE", "2021-03-14", M6],
         ["Ann Linde", "Foreign Minister", "Sweden", "2021-03-14", M6],
         ["Ilham Aliyev", "President", "Azerbaijan", "2020-11-10", M1],
         ["Nikol Pashinyan", "Prime Minister", "Armenia", "2020-11-10", M1],
         ["Vladimir Putin", "President", "Russia", "2020-11-10", M1]]),
    "statements-by": (
        ["date", "statement", "evidence"],
        [["2020-11-10", "Statement 2020-11-10: Nikol Pashinyan",
          "Pashinyan said in a statement on November 10 that the decision was \"painful\"."]]),
    "timeline": (
        ["date", "class", "event", "label"],
        [["2020-09-27", "ArmedConflict", KGR + "event-armedconflict-2020-09-27-11111111",
          "Armed Conflict 2020-09-27: Armenia, Azerbaijan"],
         ["2020-11-10", "Ceasefire", CEASEFIRE, CEASEFIRE_LABEL]]),
}
