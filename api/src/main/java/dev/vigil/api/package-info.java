package dev.vigil.api;
