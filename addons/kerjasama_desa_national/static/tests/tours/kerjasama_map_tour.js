/** @odoo-module **/
// The DPMD officer, in Indonesian, reads the network of cooperation of his regency (clusters,
// desa, a third party, edges), opens the agreements of an edge, then the cooperation by
// region: the kecamatan of his regency, down to the desa of one, the value instead of the
// number, and back up by the breadcrumbs. Run by tests/test_map_tour.py; fails on an English
// string or an error dialog.
import { registry } from "@web/core/registry";
import { englishChecker } from "@kerjasama_desa/../tests/tours/kerjasama_tour_helpers";

// English source strings of the two views: none may be shown to an Indonesian user.
const ENGLISH = [
    "Cooperation network",
    "Cooperation by region",
    "All stages",
    "All start years",
    "All kecamatan",
    "Reading the network",
    "Third party",
    "coloured by kecamatan",
    "Hover for the figures",
    "Number of agreements",
    "Value of agreements",
    "counts in each of them",
    "No agreement matches",
    "agreements",
    "Preparation",
    "Offer",
    "Running",
];

const assertIndonesian = englishChecker(ENGLISH);

function assertTitles() {
    const titles = [...document.querySelectorAll(".o_kerjasama_network title")].map(
        (title) => title.textContent
    );
    const english = titles.filter((title) => / agreements?\b|Third party|No bidang/.test(title));
    if (!titles.length || english.length) {
        throw new Error(`Hover titles missing or in English: ${english.join(" | ")}`);
    }
}

registry.category("web_tour.tours").add("kerjasama_desa_national_map_tour", {
    url: "/odoo/action-kerjasama_desa_national.kerjasama_map_network_action",
    steps: () => [
        {
            content: "The network shows the kecamatan of the regency as clusters",
            trigger: ".o_kerjasama_network [data-kd-cluster='Kecamatan Satu']",
        },
        {
            content: "Desa nodes and the third party are drawn",
            trigger:
                ".o_kerjasama_network:has(.o_kerjasama_node_desa[data-kd-node='Mekarsari']):has(.o_kerjasama_node_pihak_ketiga[data-kd-node='PT Tani Makmur'])",
        },
        {
            content: "Edges are drawn, with a legend of the bidang",
            trigger:
                ".o_kerjasama_map_network:has(.o_kerjasama_edge):has([data-kd-bidang='Bidang Lain'])",
        },
        {
            content: "No English on the network, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_kerjasama_map_network:contains(Jaringan)",
            run() {
                assertIndonesian();
                assertTitles();
            },
        },
        {
            content: "Filter by start year 2025: only the cross-kecamatan agreement",
            trigger: ".o_kerjasama_map_filters select[name='year']",
            run: "select 2025",
        },
        {
            content: "One edge left, between Sukamaju and Mekarsari",
            trigger: ".o_kerjasama_map_count[data-kd-count='1']",
        },
        {
            content: "Open the agreements of the edge",
            trigger: ".o_kerjasama_network .o_kerjasama_edge",
            run: "click",
        },
        {
            content: "The list shows the cross-kecamatan agreement",
            trigger: ".o_action_manager .o_list_view .o_data_row:contains(Jalan lintas kecamatan)",
        },
        {
            content: "No English in the list, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_list_view",
            run: assertIndonesian,
        },
        {
            content: "Open the Pemetaan menu",
            trigger: ".o_menu_sections button:contains(Pemetaan Kerja Sama)",
            run: "click",
        },
        {
            content: "Open the cooperation by region",
            trigger: ".dropdown-item:contains(Kerja Sama per Wilayah)",
            run: "click",
        },
        {
            content: "The kecamatan of the regency are shaded cells",
            trigger:
                ".o_kerjasama_map_regions .o_kerjasama_region_cell[data-kd-region='Kecamatan Satu'] .o_kerjasama_region_count",
        },
        {
            content: "No English on the regions, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_kerjasama_map_regions:contains(Wilayah)",
            run: assertIndonesian,
        },
        {
            content: "Drill down into Kecamatan Satu",
            trigger: ".o_kerjasama_region_cell[data-kd-region='Kecamatan Satu'] .o_kerjasama_region_name",
            run: "click",
        },
        {
            content: "Its desa are shown, with the kecamatan in the breadcrumbs",
            trigger:
                ".o_kerjasama_map_regions:has(.o_kerjasama_map_breadcrumbs .active:contains(Kecamatan Satu)) .o_kerjasama_region_cell[data-kd-region='Sukamaju']",
        },
        {
            content: "Shade by value",
            trigger: ".o_kerjasama_map_measure [data-kd-measure='amount']",
            run: "click",
        },
        {
            content: "The value is the measure, still in Indonesian",
            trigger: ".o_kerjasama_map_measure [data-kd-measure='amount'].btn-primary",
            run: assertIndonesian,
        },
        {
            content: "Back up to the regency by the breadcrumbs",
            trigger: ".o_kerjasama_map_breadcrumbs [data-kd-crumb='Kabupaten Uji']",
            run: "click",
        },
        {
            content: "The kecamatan are shown again",
            trigger: ".o_kerjasama_region_cell[data-kd-region='Kecamatan Dua']",
        },
        {
            content: "Open the agreements of Kecamatan Dua",
            trigger: ".o_kerjasama_region_cell[data-kd-region='Kecamatan Dua'] .o_kerjasama_region_count",
            run: "click",
        },
        {
            content: "The list of its agreements is shown, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_list_view .o_data_row:contains(Pengolahan kopi)",
            run: assertIndonesian,
        },
    ],
});

// The same journey on the demo data: the DPMD of Kabupaten Garut, the cross-kecamatan
// Siskamling Suci - Wanaraja, the desa of Kecamatan Karangpawitan.
registry.category("web_tour.tours").add("kerjasama_desa_national_map_demo_tour", {
    url: "/odoo/action-kerjasama_desa_national.kerjasama_map_network_action",
    steps: () => [
        {
            content: "The kecamatan of Garut are clusters, with desa and third parties",
            trigger:
                ".o_kerjasama_network:has([data-kd-cluster='Wanaraja']):has(.o_kerjasama_node_desa[data-kd-node='Suci']):has(.o_kerjasama_node_pihak_ketiga)",
        },
        {
            content: "No English on the network, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_kerjasama_map_network:contains(Jaringan)",
            run() {
                assertIndonesian();
                assertTitles();
            },
        },
        {
            content: "Open the agreements of the edge across two kecamatan",
            trigger: ".o_kerjasama_network .o_kerjasama_edge[data-kd-cross='1']",
            run: "click",
        },
        {
            content: "It is the Siskamling of Suci and Wanaraja",
            trigger: ".o_list_view .o_data_row:contains(Siskamling Bersama Suci - Wanaraja)",
            run: assertIndonesian,
        },
        {
            content: "Open the Pemetaan menu",
            trigger: ".o_menu_sections button:contains(Pemetaan Kerja Sama)",
            run: "click",
        },
        {
            content: "Open the cooperation by region",
            trigger: ".dropdown-item:contains(Kerja Sama per Wilayah)",
            run: "click",
        },
        {
            content: "Drill down into Kecamatan Karangpawitan",
            trigger: ".o_kerjasama_region_cell[data-kd-region='Karangpawitan'] .o_kerjasama_region_name",
            run: "click",
        },
        {
            content: "Its desa are shaded cells",
            trigger:
                ".o_kerjasama_map_regions:has(.o_kerjasama_map_breadcrumbs .active:contains(Karangpawitan)) .o_kerjasama_region_cell[data-kd-region='Situgede']",
            run: assertIndonesian,
        },
        {
            content: "Back up to the regency",
            trigger: ".o_kerjasama_map_breadcrumbs [data-kd-crumb='Kabupaten Garut']",
            run: "click",
        },
        {
            content: "The kecamatan are shown again, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_kerjasama_region_cell[data-kd-region='Leles']",
        },
    ],
});
