"""The production URLs plus /bench-floor/ (bench/floor.py), for `make bench` only."""

from django.urls import path

from bench.floor import floor
from senat_groups.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("bench-floor/", floor)]
