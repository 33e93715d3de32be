package dev.vigil.samples;
