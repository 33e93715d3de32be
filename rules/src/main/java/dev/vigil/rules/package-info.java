package dev.vigil.rules;
