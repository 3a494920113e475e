from django.contrib import admin

from .models import Company, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "company"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__email"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "nuts3", "region", "is_demo"]
    list_filter = ["country", "region", "is_demo"]
    search_fields = ["name"]
