from django.contrib.syndication.views import Feed


class PublishableFeed(Feed):
    """A feed of ``Publishable`` rows (reports, news, agreements): an item is dated by its
    publication and its last change, and described by its summary."""

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
