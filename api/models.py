"""Personal API tokens: issued by an administrator for a person's BI tool, read-only, with an expiry."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A token is shown once, when it is issued; only its SHA-256 is kept (a token is 32 random bytes, so a
    fast hash is as safe as a slow one and lets every request be checked in one indexed query)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("navn"), max_length=100, help_text=_("Hvad nøglen bruges til, fx Power BI."))
    # The first characters of the token, to tell tokens apart in the admin and the audit log.
    prefix = models.CharField(_("begyndelse"), max_length=12, editable=False)
    hashed = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("udstedt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
        verbose_name=_("udstedt af"),
    )
    expires_at = models.DateTimeField(_("udløber"))
    revoked_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
