"""The three legal pages, in French and English (portal/migrations/0002 lets editors edit them).

The texts are a starting point written from the portal's actual behaviour (what it
logs, which cookies it sets, how its accessibility is tested); the Senate's legal and
accessibility services review them and staff edit them in the admin.
"""

from django.db import migrations

SENATE_ADDRESS = "Sénat, 15 rue de Vaugirard, 75291 Paris Cedex 06"

PAGES = {
    "legal-notice": {
        "title_fr": "Mentions légales",
        "title_en": "Legal notice",
        "body_fr": f"""
<h2>Éditeur</h2>
<p>{SENATE_ADDRESS}. Téléphone : 01 42 34 20 00.</p>
<p>Directeur de la publication : le Président du Sénat. Responsable de la rédaction :
la Direction des relations internationales et du protocole (DRIP).</p>
<h2>Hébergement</h2>
<p>Le site est hébergé par le Sénat, sur ses propres serveurs ({SENATE_ADDRESS}).</p>
<h2>Réutilisation des contenus</h2>
<p>Les textes, rapports et données publiés sur ce site peuvent être réutilisés
librement, à condition de mentionner leur source (« Sénat — groupes interparlementaires
d’amitié ») et la date de leur dernière mise à jour, et de ne pas en altérer le sens.
Les photographies des sénateurs restent soumises aux droits de leurs auteurs.</p>
<h2>Liens</h2>
<p>Les liens vers d’autres sites n’engagent pas la responsabilité du Sénat quant à leur
contenu. Tout site peut établir un lien vers les pages de ce site sans autorisation
préalable.</p>
""",
        "body_en": f"""
<h2>Publisher</h2>
<p>French Senate, {SENATE_ADDRESS.removeprefix("Sénat, ")}, France.
Telephone: +33 1 42 34 20 00.</p>
<p>Director of publication: the President of the Senate. Editorial responsibility:
the Directorate of International Relations and Protocol (DRIP).</p>
<h2>Hosting</h2>
<p>The site is hosted by the Senate on its own servers ({SENATE_ADDRESS}).</p>
<h2>Re-use of content</h2>
<p>The texts, reports and data published on this site may be re-used freely,
provided their source (“French Senate — interparliamentary friendship groups”) and the
date of their last update are given and their meaning is not altered. Photographs of
senators remain subject to their authors’ rights.</p>
<h2>Links</h2>
<p>The Senate is not responsible for the content of other sites linked from this one.
Any site may link to the pages of this site without prior permission.</p>
""",
    },
    "accessibility": {
        "title_fr": "Accessibilité",
        "title_en": "Accessibility",
        "body_fr": f"""
<p>Le Sénat s’engage à rendre ses sites internet accessibles, conformément à
l’article 47 de la loi n° 2005-102 du 11 février 2005. La présente déclaration
d’accessibilité s’applique au portail des groupes interparlementaires d’amitié.</p>
<h2>État de conformité</h2>
<p>Ce site est <strong>partiellement conforme</strong> avec le référentiel général
d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités
et dérogations énumérées ci-dessous.</p>
<h2>Résultats des tests</h2>
<p>Aucun audit RGAA complet n’a encore été réalisé. Le statut ci-dessus repose sur une
auto-évaluation faite le 1<sup>er</sup> décembre 2026 par l’équipe qui développe le portail,
sur l’échantillon de pages suivant, en français et en anglais : accueil, liste des groupes,
page d’un groupe, liste des pays, page d’un pays, carte du monde, missions, colloques,
rapports, page d’un rapport, actualités, recherche, mentions légales et la présente page.
Outils : tests automatiques axe-core dans Chromium à chaque modification du site et
validation HTML. Cette déclaration sera mise à jour après l’audit.</p>
<h2>Contenus non accessibles</h2>
<ul>
<li>La carte du monde n’est pas utilisable sans la vue : la liste des pays, sur la même
page et dans la page « Pays », en donne l’équivalent textuel.</li>
<li>Les rapports en PDF ne sont pas tous balisés pour l’accessibilité ; leur texte est
consultable dans la recherche et peut être demandé dans un format accessible.</li>
</ul>
<h2>Retour d’information et contact</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à la Direction
des relations internationales et du protocole ({SENATE_ADDRESS}) pour être orienté vers
une alternative accessible ou obtenir le contenu sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un
contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous
pouvez saisir le Défenseur des droits :</p>
<ul>
<li>par le formulaire en ligne : <a href="https://formulaire.defenseurdesdroits.fr/">formulaire.defenseurdesdroits.fr</a> ;</li>
<li>en contactant le délégué du Défenseur des droits dans votre région : <a href="https://www.defenseurdesdroits.fr/saisir/delegues">defenseurdesdroits.fr/saisir/delegues</a> ;</li>
<li>par courrier, gratuitement, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
""",
        "body_en": f"""
<p>The Senate is committed to making its websites accessible, in accordance with
article 47 of French law no. 2005-102 of 11 February 2005. This accessibility statement
applies to the portal of the interparliamentary friendship groups.</p>
<h2>Compliance status</h2>
<p>This site is <strong>partially compliant</strong> with the French accessibility
framework (RGAA), version 4.1, because of the non-compliances and exemptions listed
below.</p>
<h2>Test results</h2>
<p>No full RGAA audit has been carried out yet. The status above rests on a
self-assessment made on 1 December 2026 by the team that develops the portal, on the
following sample of pages, in French and English: home, list of groups, a group’s page,
list of countries, a country’s page, world map, missions, colloquia, reports, a report’s
page, news, search, legal notice and this page. Tools: automated axe-core tests in Chromium
on every change to the site, and HTML validation. This statement will be updated after the
audit.</p>
<h2>Content that is not accessible</h2>
<ul>
<li>The world map cannot be used without sight: the list of countries, on the same page
and on the “Countries” page, gives its text equivalent.</li>
<li>Not every PDF report is tagged for accessibility; their text can be found through
the search and may be requested in an accessible format.</li>
</ul>
<h2>Feedback and contact</h2>
<p>If you cannot access a content or a service, write to the Directorate of
International Relations and Protocol ({SENATE_ADDRESS}) to be directed to an accessible
alternative or to obtain the content in another form.</p>
<h2>Remedies</h2>
<p>If you reported an accessibility problem that prevents you from accessing a content
or a service and did not receive a satisfactory answer, you may refer the matter to the
Défenseur des droits (the French Defender of Rights):</p>
<ul>
<li>through the online form: <a href="https://formulaire.defenseurdesdroits.fr/">formulaire.defenseurdesdroits.fr</a>;</li>
<li>through the Defender of Rights’ delegate in your region: <a href="https://www.defenseurdesdroits.fr/saisir/delegues">defenseurdesdroits.fr/saisir/delegues</a>;</li>
<li>by post, free of charge, without a stamp: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07, France.</li>
</ul>
""",
    },
    "personal-data": {
        "title_fr": "Données personnelles",
        "title_en": "Personal data",
        "body_fr": f"""
<h2>Ce que le site enregistre</h2>
<p>Pour chaque page demandée, le serveur journalise la date et l’heure, la méthode, le
chemin de la page, le code de réponse, la durée de traitement et un identifiant
technique de requête. Ces journaux servent uniquement à la sécurité et au bon
fonctionnement du site ; ils ne sont ni croisés avec d’autres données ni transmis à des
tiers.</p>
<p>Pour les seuls agents du Sénat qui se connectent à l’administration du site : leur
identifiant, les tentatives de connexion (avec l’adresse IP d’origine, afin de bloquer
les attaques par essais successifs de mots de passe) et l’historique des modifications
qu’ils publient.</p>
<h2>Cookies</h2>
<p>Ce site ne dépose <strong>aucun cookie de suivi ni de mesure d’audience</strong> et
ne charge aucun contenu de sites tiers. Les visiteurs du site public ne reçoivent aucun
cookie. Seuls les agents connectés à l’administration reçoivent les cookies techniques
strictement nécessaires (session et protection des formulaires), qui ne demandent pas
de consentement.</p>
<h2>Vos droits</h2>
<p>Conformément au règlement général sur la protection des données (RGPD) et à la loi
« Informatique et libertés », vous disposez d’un droit d’accès, de rectification,
d’effacement et d’opposition sur les données vous concernant. Pour l’exercer, écrivez au
délégué à la protection des données du Sénat ({SENATE_ADDRESS}). Vous pouvez aussi
adresser une réclamation à la CNIL (<a href="https://www.cnil.fr/">www.cnil.fr</a>).</p>
""",
        "body_en": f"""
<h2>What the site records</h2>
<p>For each page requested, the server logs the date and time, the method, the page’s
path, the response code, the processing time and a technical request identifier. These
logs are used only for the security and proper running of the site; they are neither
combined with other data nor passed on to third parties.</p>
<p>For Senate staff who log in to the site’s administration only: their username, login
attempts (with the originating IP address, to block password-guessing attacks) and the
history of the changes they publish.</p>
<h2>Cookies</h2>
<p>This site sets <strong>no tracking or audience-measurement cookie</strong> and loads
no content from third-party sites. Visitors to the public site receive no cookie. Only
staff logged in to the administration receive the strictly necessary technical cookies
(session and form protection), which need no consent.</p>
<h2>Your rights</h2>
<p>Under the General Data Protection Regulation (GDPR) and the French Data Protection
Act, you have the right to access, rectify, erase and object to the data about you. To
exercise it, write to the Senate’s data protection officer ({SENATE_ADDRESS}). You may
also lodge a complaint with the CNIL (<a href="https://www.cnil.fr/">www.cnil.fr</a>).</p>
""",
    },
}


def create_pages(apps, schema_editor):
    LegalPage = apps.get_model("legal", "LegalPage")
    for kind, texts in PAGES.items():
        fields = {name: " ".join(value.split()) if "body" in name else value for name, value in texts.items()}
        fields["title"] = fields["title_fr"]
        fields["body"] = fields["body_fr"]
        LegalPage.objects.get_or_create(kind=kind, defaults=fields)


def delete_pages(apps, schema_editor):
    apps.get_model("legal", "LegalPage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_legal_pages")]

    operations = [migrations.RunPython(create_pages, delete_pages)]
