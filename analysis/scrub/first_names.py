"""Common first names in the UK, for the best-effort name rule.

A mix drawn from general knowledge of the most common given names in England and Wales
across generations and communities (not an official list). ``AMBIGUOUS`` names are also
ordinary words or places; they count only when a surname follows ("June Brown").
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


_NAMES = """
Aaliyah Aaron Abbie Abdul Abdullah Abigail Adam Adrian Ahmed Aidan Aisha Alan Albert Alex
Alexander Alexandra Alfie Ali Alice Alison Amanda Amara Amelia Amir Amy Andrea Andrew Andy
Angela Anita Ann Anna Anne Annie Anthony Anton Archie Arthur Asha Ashley Aurora Ava Ayesha
Barbara Barry Ben Benjamin Bernard Beth Bethany Betty Beverley Bilal Billy Bogdan Brenda
Brian Bridget Callum Cameron Carl Carol Caroline Catherine Charlie Charlotte Chantelle Chloe
Chris Christine Christopher Claire Clare Colin Connor Craig Daniel Danielle Darren David Dawn
Debbie Deborah Declan Denise Dennis Derek Diane Dominic Donna Doreen Dorothy Duncan Dylan
Eddie Edward Eileen Elaine Eleanor Elijah Elizabeth Ella Ellie Emily Emma Eric Ethan Evie
Fatima Fiona Florence Frances Francesca Freddie Freya Gail Gareth Gary Gavin Gemma George
Georgina Gillian Gordon Graham Gurpreet Hamza Hannah Harjit Harriet Harry Harvey Hassan
Hayley Heather Helen Henry Hollie Hussain Ian Imran Irene Isaac Isabel Isabella Isla Jack
Jacqueline Jake James Jamie Jan Jane Janet Janice Jasmine Jason Jayden Jean Jennifer Jenny
Jeremy Jessica Jill Joan Joanne Joe John Jonathan Joseph Joshua Joyce Judith Julie Kamal
Karen Kate Katie Kathleen Kayleigh Keith Kelly Kerry Kevin Khadija Kieran Kirsty Krzysztof
Kwame Laura Lauren Layla Leah Lee Leo Leon Lesley Leslie Liam Lily Linda Lindsay Lisa Logan
Lorraine Louis Louise Lucas Lucy Luke Lynn Maisie Malcolm Mandy Margaret Maria Marie Marion
Martin Mary Mason Matthew Maureen Megan Melanie Mia Michael Michelle Mohammed Mohammad
Muhammad Molly Nadia Naomi Natalie Natasha Nathan Neil Nicola Nicholas Nigel Nikhil Noah
Oliver Olivia Oscar Owen Pamela Patricia Patrick Paul Pauline Peter Philip Piotr Poppy Priya
Rachel Rajesh Rebecca Rhys Richard Rita Robert Ronald Rosie Ross Ruby Rupinder Ryan Sadia
Sally Samantha Samuel Sandra Sarah Scott Sean Shabana Sharon Sheila Shirley Simon Siobhan
Sofia Sophie Stacey Stanley Stephanie Stephen Steven Stuart Susan Suzanne Tariq Teresa
Theo Thomas Tina Toby Tom Tomasz Tony Tracey Tracy Trevor Usman Valerie Vanessa Victoria
Vikram Vincent Wendy William Yasmin Yusuf Zainab Zara Zoe Agnieszka Oluwaseun Chidi Ngozi
Tunde Adebayo Mariam Omar Yusra Sunita Sanjay Deepak Pooja Anil Kiran Mehmet Ayse Eilidh
Rhiannon Cerys Dafydd Gethin Siân Aled Niamh Ciaran Padraig Shaun Wayne Dean Lewis Jordan
Kyle Reece Bradley Sue Kemi Bukola Chinedu Efua Kofi Ama Ruth Grant Mo Dave Steve Pete
Ashleigh Shannon Jade Kayla Bronwen Moira Morag Hamish Fraser Euan
"""

AMBIGUOUS = frozenset(
    _words(
        """
Amber April August Autumn Bill Bob Dawn Faith Frank Grace Hope Ivy Jack Jay Joy June
Lily Mark May Miles Pat Rose Ruby Sky Summer Sunny Will Victoria Florence Jordan Chelsea
Lewis Georgia Jasmine Holly Poppy Robin Sandy Dean Mercy Hunter Chase Angel Heather Lee
Jan Rita
"""
    )
)

FIRST_NAMES = frozenset(_NAMES.split()) | AMBIGUOUS
